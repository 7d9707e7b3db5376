# compat: routing/block_splat_args  (source: sinatra test/routing_test.rb "passes all params with block param arity -1 (splat args)")
#
# request: GET /a/b
# expect-status: 200
# expect-body: ab
get '/:foo/:bar' do |*args|
  args.join
end
