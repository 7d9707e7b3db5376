# compat: params/nested_in_arrays  (source: sinatra test/routing_test.rb "exposes params nested within arrays with indifferent hash")
#
# request: GET /testme?bar[][foo]=baz
# expect-status: 200
# expect-body: baz baz
get '/testme' do
  "#{params['bar'][0]['foo']} #{params['bar'][0][:foo]}"
end
