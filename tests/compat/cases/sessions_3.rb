# compat: sessions/env_session  (source: sinatra test/helpers_test.rb "inserts session middleware")
#
# request: GET /
# expect-status: 200
# expect-body: ok
enable :sessions
set :session_secret, 'k' * 64
get('/') do
  (env['rack.session'] && env['rack.session.options'] ? 'ok' : 'missing')
end
