# compat: sessions/tampered_cookie  (source: sinatra test/sessions_test.rb "a tampered session cookie is ignored")
#
# request: GET /
# request-header: Cookie: rack.session=forged--data
# expect-status: 200
# expect-body: nil
enable :sessions
set :session_secret, 'k' * 64
get('/') { session[:user].inspect }
