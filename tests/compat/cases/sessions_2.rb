# compat: sessions/counter  (source: sinatra test/sessions_test.rb "a session value persists across requests")
#
# request: GET /count
# expect-status: 200
# expect-body: 1
#
# request: GET /count
# expect-status: 200
# expect-body: 2
#
# request: GET /count
# expect-status: 200
# expect-body: 3
enable :sessions
set :session_secret, 'k' * 64
get('/count') do
  session[:n] = (session[:n] || 0) + 1
  session[:n].to_s
end
