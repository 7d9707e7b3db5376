# compat: sessions/string_and_symbol_keys  (source: sinatra test/sessions_test.rb "session keys: strings and symbols are distinct (Rack::Session::Cookie uses string keys)")
#
# request: GET /set
# expect-status: 200
# expect-body: ok
#
# request: GET /get
# expect-status: 200
# expect-body: ann
enable :sessions
set :session_secret, 'k' * 64
get('/set') { session['name'] = 'ann'; 'ok' }
get('/get') { session['name'].to_s }
