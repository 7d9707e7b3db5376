# compat: errors/not_found_subclass  (source: sinatra test/mapped_error_test.rb "cascades for subclasses of Sinatra::NotFound")
#
# request: GET /
# expect-status: 404
# expect-body: foo! not found.
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(FooNotFound) { 'foo! not found.' }
get('/') { raise FooNotFound }
