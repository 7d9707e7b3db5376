# compat: sessions/cookie_attributes  (source: sinatra test/helpers_test.rb "the session cookie is path=/ and HttpOnly")
#
# request: GET /
# expect-status: 200
# expect-body: set
# expect-header-contains: Set-Cookie: path=/; HttpOnly
enable :sessions
set :session_secret, 'k' * 64
get('/') { session[:a] = 1; 'set' }
