# compat: errors/exception_handler_fallback  (source: sinatra test/mapped_error_test.rb "uses the Exception handler if no matching handler found")
#
# request: GET /
# expect-status: 500
# expect-body: Exception!
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(Exception) { 'Exception!' }
get('/') { raise FooError }
