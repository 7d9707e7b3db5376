# compat: routing/verb_patch  (source: sinatra test/routing_test.rb "defines PATCH request handlers with patch")
#
# request: PATCH /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
patch '/hello' do
  'Hello World'
end
