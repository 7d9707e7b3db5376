# A plain Sinatra JSON API: runs unchanged on Sinatra and on Kiln.
require 'sinatra'
require 'json'

TODOS = {}
NEXT_ID = [0]

helpers do
  def json_body
    JSON.parse(request.body.read)
  rescue JSON::ParserError => e
    halt 400, { 'content-type' => 'application/json' }, { error: "invalid JSON: #{e.message}" }.to_json
  end

  def find_todo!
    TODOS[params[:id].to_i] or halt 404
  end
end

before do
  content_type :json
end

get '/todos' do
  todos = TODOS.values
  todos = todos.select { |t| t['done'] == (params[:done] == 'true') } if params[:done]
  todos.to_json
end

post '/todos' do
  data = json_body
  halt 422, { error: 'title is required' }.to_json if data['title'].to_s.strip.empty?
  id = (NEXT_ID[0] += 1)
  TODOS[id] = { 'id' => id, 'title' => data['title'], 'done' => false }
  status 201
  headers 'Location' => url("/todos/#{id}")
  TODOS[id].to_json
end

get '/todos/:id' do
  find_todo!.to_json
end

patch '/todos/:id' do
  todo = find_todo!
  data = json_body
  todo['title'] = data['title'] if data.key?('title')
  todo['done'] = data['done'] == true if data.key?('done')
  todo.to_json
end

delete '/todos/:id' do
  find_todo!
  TODOS.delete(params[:id].to_i)
  status 204
end

not_found do
  content_type :json
  { error: "not found: #{request.request_method} #{request.path_info}" }.to_json
end
