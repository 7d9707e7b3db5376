# compat: routing/named_params  (source: sinatra test/routing_test.rb "supports named params like /hello/:person")
#
# request: GET /hello/Frank
# expect-status: 200
# expect-body: Hello Frank
# expect-header: Content-Type: text/html;charset=utf-8
get '/hello/:person' do
  "Hello #{params['person']}"
end
