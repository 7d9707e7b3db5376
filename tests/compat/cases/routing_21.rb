# compat: routing/empty_params_to_s  (source: sinatra test/routing_test.rb "returns empty when unmatched with any regex captures")
#
# request: GET /hello
# expect-status: 200
# expect-body: {}
before do
  # noop
end
get '/hello' do
  params.to_s
end
