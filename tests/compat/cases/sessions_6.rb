# compat: sessions/options_hash  (source: sinatra test/helpers_test.rb "accepts an options hash")
#
# request: GET /
# expect-status: 200
# expect-body: set
# expect-header-contains: Set-Cookie: my.session=
set :sessions, :key => 'my.session'
set :session_secret, 'k' * 64
get('/') { session[:a] = 1; 'set' }
