# compat: errors/handler_by_class  (source: sinatra test/mapped_error_test.rb "invokes handlers registered with ::error when raised")
#
# request: GET /
# expect-status: 500
# expect-body: Foo!
# expect-header: Content-Type: text/html;charset=utf-8
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(FooError) { 'Foo!' }
get('/') { raise FooError }
