# compat: routing/block_arity_too_few  (source: sinatra test/routing_test.rb "raises an ArgumentError with block arity > 1 and too many values")
#
# request: GET /a/b/c
# expect-status: 500
# expect-body: <h1>Internal Server Error</h1>
get '/:foo/:bar/:baz' do |foo, bar|
  'quux'
end
