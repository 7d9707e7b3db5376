# compat: errors/handler_pass  (source: sinatra test/mapped_error_test.rb "allows an exception handler to pass control to the next exception handler")
#
# request: GET /
# expect-status: 500
# expect-body: First!
class FirstError < RuntimeError; end
class SecondError < RuntimeError; end
error(500, FirstError) { 'First!' }
error(500, SecondError) { pass }
get('/') { halt 500 }
