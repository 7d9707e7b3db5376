# A plain Sinatra form app with ERB and a session flash: runs unchanged on
# Sinatra and on Kiln.
require 'sinatra'

enable :sessions
set :session_secret, ENV.fetch('SESSION_SECRET') { 'x' * 64 }

ENTRIES = []

helpers do
  def flash_message
    session.delete(:flash)
  end
end

get '/' do
  @entries = ENTRIES.last(10).reverse
  @flash = flash_message
  erb :index
end

post '/sign' do
  name = params[:name].to_s.strip
  message = params[:message].to_s.strip
  if name.empty? || message.empty?
    session[:flash] = 'Please give your name and a message.'
  else
    ENTRIES << { name: name, message: message }
    session[:flash] = "Thanks, #{name}!"
  end
  redirect to('/')
end

__END__

@@ layout
<!DOCTYPE html>
<html>
  <head><title>Guestbook</title></head>
  <body>
    <h1>Guestbook</h1>
    <%= yield %>
  </body>
</html>

@@ index
<% if @flash %>
  <p class="flash"><%= h @flash %></p>
<% end %>
<form method="post" action="/sign">
  <input name="name" placeholder="Your name">
  <textarea name="message"></textarea>
  <button>Sign</button>
</form>
<ul>
<% @entries.each do |entry| %>
  <li><strong><%= h entry[:name] %></strong>: <%= h entry[:message] %></li>
<% end %>
</ul>
