# compat: sessions/round_trip  (source: sinatra test/helpers_test.rb "creates a new session when none provided")
#
# request: GET /
# expect-status: 302
# expect-header: Location: http://example.org/hi
# expect-header-contains: Set-Cookie: rack.session=
#
# request: GET /hi
# expect-status: 200
# expect-body: hi bar
enable :sessions
set :session_secret, 'k' * 64
get('/') do
  session[:foo].nil? ? (session[:foo] = 'bar'; redirect '/hi') : 'already'
end
get('/hi') do
  "hi #{session[:foo]}"
end
