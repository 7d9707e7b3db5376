# compat: errors/code_not_used  (source: sinatra test/mapped_error_test.rb "does not use Exception#code by default")
#
# request: GET /
# expect-status: 500
class FooWithCode < Sinatra::Error
  def code; 419 end
end
get('/') { raise FooWithCode }
