# compat: errors/stack_of_handlers  (source: sinatra test/mapped_error_test.rb "allows a stack of exception_handlers")
#
# request: GET /
# expect-status: 500
# expect-body: Second!
class FirstError < RuntimeError; end
class SecondError < RuntimeError; end
error(FirstError) { 'First!' }
error(SecondError) { 'Second!' }
get('/') { raise SecondError }
