# The app the runtime fuzz targets (request, query, session) send requests
# to. No route raises on its own: a 500 means the DSL failed on input.
enable :sessions

before { @touched = params.size }

get '/' do
  'home'
end

get '/hello/:name' do
  "Hello #{params[:name]}"
end

get '/files/*.*' do |path, ext|
  "#{path}.#{ext}"
end

get '/posts/:id(.:format)?' do
  "#{params[:id]} #{params[:format].inspect}"
end

get('/params') { params.inspect }
post('/params') { params.inspect }

get '/query' do
  Kiln::Utils.parse_nested_query(request.query_string).inspect
rescue Kiln::ParameterError => e
  halt 400, e.message
end

get '/cookies' do
  request.cookies.inspect
end

get '/session' do
  # The session's JSON is fuzzed too: 'n' may be any JSON value.
  session['n'] = session['n'].to_s.bytesize
  session.keys.join(',')
end

post '/json' do
  JSON.generate(JSON.parse(request.body.read))
end

get '/request' do
  [request.host, request.port, request.path, request.url, request.accept.map(&:to_s),
   request.content_type, request.user_agent, request.ip].inspect
end
