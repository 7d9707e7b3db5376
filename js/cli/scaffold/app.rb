# {{name}}: a Kiln app (Sinatra-style Ruby on Cloudflare Workers).
# `npx kiln dev` serves it locally on workerd; `npx kiln deploy` ships it.
require 'sinatra'

# Sessions live in a signed cookie. In development the secret comes from
# .dev.vars; in production set it with `npx wrangler secret put SESSION_SECRET`.
enable :sessions
set :session_secret, ENV['SESSION_SECRET']

get '/' do
  @title = '{{name}}'
  @notice = session.delete(:notice)   # the flash set by POST /notes
  @notes = notes
  erb :index
end

# A form post: store the note in KV, leave a flash message, redirect.
post '/notes' do
  text = params[:text].to_s.strip
  halt 422, 'A note needs some text' if text.empty?
  bindings.KV.put('notes', JSON.generate(notes + [text]))
  session[:notice] = "Saved: #{text}"
  redirect '/'
end

# A KV-backed counter: every visit increments it.
get '/visits' do
  count = bindings.KV.get('visits').to_i + 1
  bindings.KV.put('visits', count.to_s)
  "Visits: #{count}"
end

get '/hello/:name' do
  "Hello #{h params[:name]}"
end

helpers do
  def notes = JSON.parse(bindings.KV.get('notes') || '[]')
end
