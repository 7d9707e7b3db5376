# compat: errors/handler_status_change  (source: sinatra test/mapped_error_test.rb "runs after exception mappings and overwrites body")
#
# request: GET /
# expect-status: 502
# expect-body: from exception mapping
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error FooError do
  response.status = 502
  'from exception mapping'
end
error(500) { 'from 500 handler' }
error(502) { 'from custom error page' }
get('/') { raise FooError }
