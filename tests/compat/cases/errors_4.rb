# compat: errors/inheritance_chain  (source: sinatra test/mapped_error_test.rb "walks down inheritance chain for errors")
#
# request: GET /
# expect-status: 500
# expect-body: Exception!
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(RuntimeError) { 'Exception!' }
get('/') { raise FooError }
