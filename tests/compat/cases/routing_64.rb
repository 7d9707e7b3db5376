# compat: routing/block_params_many  (source: sinatra test/routing_test.rb "passes multiple params as block parameters when many are specified")
#
# request: GET /abc/def/ghi
# expect-status: 200
# expect-body: abc-def-ghi
get '/:foo/:bar/:baz' do |foo, bar, baz|
  [foo, bar, baz].join('-')
end
