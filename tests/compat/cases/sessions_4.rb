# compat: sessions/session_secret_setting  (source: sinatra test/helpers_test.rb "sets a session secret")
#
# request: GET /
# expect-status: 200
# expect-body: ok
enable :sessions
set :session_secret, 'k' * 64
get('/') do
  (env['rack.session.options'][:secret] == settings.session_secret ? 'ok' : 'differs')
end
