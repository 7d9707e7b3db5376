# compat: session_cookie/rack_session_cookie  (source: rack-session test/spec_session_cookie.rb "creates a new cookie", "loads from a cookie", "sets the cookie's key", expire_after; Sinatra README "use Rack::Session::Cookie" instead of enable :sessions)
#
# request: GET /count
# expect-status: 200
# expect-body: 1
# expect-header-contains: Set-Cookie: my.session=
# expect-header-contains: Set-Cookie: path=/
# expect-header-contains: Set-Cookie: max-age=3600
#
# request: GET /count
# expect-status: 200
# expect-body: 2
#
# request: GET /count
# request-header: Cookie: my.session=forged--0000
# expect-status: 200
# expect-body: 1
use Rack::Session::Cookie, key: 'my.session', path: '/', secret: 'k' * 64, expire_after: 3600

get '/count' do
  session[:count] = (session[:count] || 0) + 1
  session[:count].to_s
end
