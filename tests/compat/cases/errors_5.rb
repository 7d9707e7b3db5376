# compat: errors/subclass_favored  (source: sinatra test/mapped_error_test.rb "favors subclass handler over superclass handler if available")
#
# request: GET /
# expect-status: 500
# expect-body: FooError!
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(Exception) { 'Exception!' }
error(FooError) { 'FooError!' }
error(RuntimeError) { 'Exception!' }
get('/') { raise FooError }
