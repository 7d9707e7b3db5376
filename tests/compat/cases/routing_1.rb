# compat: routing/verb_get  (source: sinatra test/routing_test.rb "defines GET request handlers with get")
#
# request: GET /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
get '/hello' do
  'Hello World'
end
