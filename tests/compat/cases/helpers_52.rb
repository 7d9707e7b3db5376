# compat: helpers/session_helper_without_sessions  (source: sinatra test/helpers_test.rb "session is a plain Hash when sessions are disabled (Rack default_session)")
#
# request: GET /
# expect-status: 200
# expect-body: no error
get('/') do
  begin
    session[:x]
    'no error'
  rescue => e
    e.class.to_s
  end
end
