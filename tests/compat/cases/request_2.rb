# compat: request/user_agent  (source: sinatra test/request_test.rb "responds to #user_agent")
#
# request: GET /
# request-header: User-Agent: Test/1.0
# expect-status: 200
# expect-body: Test/1.0
get('/') { request.user_agent.to_s }
