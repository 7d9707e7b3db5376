# compat: routing/pattern_type_error  (source: sinatra test/routing_test.rb "raises a TypeError when pattern is not a String or Regexp")
#
# request: GET /
# expect-status: 200
# expect-body: TypeError
begin
  get(42) { 'x' }
  got = 'no error'
rescue TypeError
  got = 'TypeError'
end
get('/') { got }
