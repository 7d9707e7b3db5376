# compat: routing/merge_named_and_query  (source: sinatra test/routing_test.rb "merges named params and query string params in params")
#
# request: GET /bar?baz=biz
# expect-status: 200
# expect-body: bar biz
get '/:foo' do
  "#{params['foo']} #{params['baz']}"
end
