# compat: errors/handler_gets_exception  (source: sinatra test/mapped_error_test.rb "passes the exception object to the error handler")
#
# request: GET /
# expect-status: 500
# expect-body: FooError: boom
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(FooError) { |e| "#{e.class}: #{e.message}" }
get('/') { raise FooError, 'boom' }
