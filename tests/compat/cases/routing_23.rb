# compat: routing/indifferent_params  (source: sinatra test/routing_test.rb "exposes params with indifferent hash")
#
# request: GET /bar
# expect-status: 200
# expect-body: bar,bar,true,true
get '/:foo' do
  [params['foo'], params[:foo], params.has_key?('foo'), params.has_key?(:foo)].join(',')
end
