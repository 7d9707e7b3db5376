# compat: routing/verb_put  (source: sinatra test/routing_test.rb "defines PUT request handlers with put")
#
# request: PUT /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
put '/hello' do
  'Hello World'
end
