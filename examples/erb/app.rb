# ERB templates: views/layout.erb wraps every page, views/index.erb holds a
# form, views/_form.erb is a partial, and the page after __END__ is an
# inline template. Serve it with `scripts/dev examples/erb` (or
# `npx wrangler dev` in this directory) and open http://localhost:8787/
require 'sinatra'

helpers do
  def page_title(text) = @title = text
end

get '/' do
  page_title 'Say hello'
  erb :index, locals: { name: '', error: nil }
end

post '/greet' do
  name = params[:name].to_s.strip
  if name.empty?
    status 422
    page_title 'Say hello'
    erb :index, locals: { name: name, error: 'Please tell us your name.' }
  else
    page_title "Hello, #{name}"
    erb :greeting, locals: { name: name, shouts: [[params[:shouts].to_i, 1].max, 5].min }
  end
end

get '/about' do
  page_title 'About'
  erb :about
end

__END__

@@ about
<p>This page is an inline template: it lives after <code>__END__</code> in app.rb.</p>
<p><a href="/">Back</a></p>
