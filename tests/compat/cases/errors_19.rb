# compat: errors/handler_handles  (source: sinatra test/mapped_error_test.rb "allows an exception handler to handle the exception")
#
# request: GET /
# expect-status: 500
# expect-body: Second!
class FirstError < RuntimeError; end
class SecondError < RuntimeError; end
error(500, FirstError) { 'First!' }
error(500, SecondError) { 'Second!' }
get('/') { halt 500 }
