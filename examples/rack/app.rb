# examples/rack: a JSON API and an admin page as modular Sinatra apps;
# config.ru (the entry) puts Rack middleware around them (docs/guide/middleware.md).
require 'sinatra/base'
require 'json'

class Api < Sinatra::Base
  NOTES = [{ 'id' => 1, 'text' => 'Rack middleware runs on Workers' }]

  get '/notes' do
    content_type :json
    NOTES.to_json
  end

  post '/notes' do
    note = { 'id' => NOTES.size + 1, 'text' => JSON.parse(request.body.read)['text'] }
    NOTES << note
    status 201
    content_type :json
    note.to_json
  end
end

# Mounted at /admin in config.ru, behind Basic auth.
class Admin < Sinatra::Base
  get('/') { "Hello, #{env['REMOTE_USER']}: #{Api::NOTES.size} notes" }
end
