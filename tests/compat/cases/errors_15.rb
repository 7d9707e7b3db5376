# compat: errors/use_code  (source: sinatra test/mapped_error_test.rb "uses Exception#code if use_code is enabled")
#
# request: GET /
# expect-status: 419
class FooWithCode < Sinatra::Error
  def code; 419 end
end
set :use_code, true
get('/') { raise FooWithCode }
