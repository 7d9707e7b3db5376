# compat: protection/session_hijacking  (source: sinatra rack-protection/spec/lib/rack/protection/session_hijacking_spec.rb: accepts an unchanged User-Agent, drops the session when it changes, ignores Accept-Encoding)
#
# request: GET /set
# request-header: User-Agent: a
# expect-body: set
#
# request: GET /read
# request-header: User-Agent: a
# request-header: Accept-Encoding: b
# expect-body: bar
#
# request: GET /read
# request-header: User-Agent: b
# expect-body: empty
enable :sessions
set :session_secret, 's' * 64
use Rack::Protection::SessionHijacking

get('/set') { session[:foo] = 'bar'; 'set' }
get('/read') { session[:foo] || 'empty' }
