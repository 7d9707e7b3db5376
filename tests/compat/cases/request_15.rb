# compat: request/header_env  (source: sinatra test/request_test.rb "custom headers appear in env as HTTP_*")
#
# request: GET /
# request-header: X-Custom-Thing: 42
# expect-status: 200
# expect-body: 42
get('/') { env['HTTP_X_CUSTOM_THING'].to_s }
