# compat: errors/http_status_sinatra_error  (source: sinatra test/mapped_error_test.rb "honors Exception#http_status if present (Sinatra::Error subclasses)")
#
# request: GET /
# expect-status: 501
# expect-body: Foo!
class FooSpecialError < Sinatra::Error
  def http_status; 501 end
end
error(501) { 'Foo!' }
get('/') { raise FooSpecialError }
