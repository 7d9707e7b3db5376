# compat: errors/use_code_out_of_range  (source: sinatra test/mapped_error_test.rb "does not rely on Exception#code for invalid codes")
#
# request: GET /
# expect-status: 500
class FooStatusOutOfRangeError < Sinatra::Error
  def code; 4000 end
end
set :use_code, true
get('/') { raise FooStatusOutOfRangeError }
