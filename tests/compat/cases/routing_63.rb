# compat: routing/block_param_one  (source: sinatra test/routing_test.rb "passes a single url param as block parameters when one param is specified")
#
# request: GET /bar
# expect-status: 200
# expect-body: got bar
get '/:foo' do |foo|
  "got #{foo}"
end
