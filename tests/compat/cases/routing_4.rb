# compat: routing/verb_delete  (source: sinatra test/routing_test.rb "defines DELETE request handlers with delete")
#
# request: DELETE /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
delete '/hello' do
  'Hello World'
end
