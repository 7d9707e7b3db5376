# compat: sessions/clear  (source: sinatra test/sessions_test.rb "session.clear forgets values")
#
# request: GET /set
# expect-status: 200
# expect-body: set
#
# request: GET /read
# expect-status: 200
# expect-body-json: "\"x\""
#
# request: GET /clear
# expect-status: 200
# expect-body: cleared
#
# request: GET /read
# expect-status: 200
# expect-body: nil
enable :sessions
set :session_secret, 'k' * 64
get('/set') { session[:a] = 'x'; 'set' }
get('/clear') { session.clear; 'cleared' }
get('/read') { session[:a].inspect }
