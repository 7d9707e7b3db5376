# compat: routing/block_no_params  (source: sinatra test/routing_test.rb "succeeds if no block parameters are specified")
#
# request: GET /a/b
# expect-status: 200
# expect-body: quux
get '/:foo/:bar' do
  'quux'
end
