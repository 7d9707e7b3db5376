# compat: routing/block_arity_too_many  (source: sinatra test/routing_test.rb "raises an ArgumentError with block param arity > 1 and too few values")
#
# request: GET /a/b
# expect-status: 500
get '/:foo/:bar' do |foo, bar, baz|
  'quux'
end
