# compat: params/arrays  (source: sinatra test/routing_test.rb "supports arrays within params")
#
# request: GET /foo?bar[]=A&bar[]=B
# expect-status: 200
# expect-body: ["A", "B"]
get '/foo' do
  params['bar'].inspect
end
