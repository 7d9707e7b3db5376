# compat: params/nested_indifferent  (source: sinatra test/routing_test.rb "exposes nested params with indifferent hash")
#
# request: GET /testme?bar[foo]=baz
# expect-status: 200
# expect-body: baz baz baz
get '/testme' do
  "#{params['bar']['foo']} #{params['bar'][:foo]} #{params[:bar][:foo]}"
end
