# compat: routing/verb_link  (source: sinatra test/routing_test.rb "defines LINK request handlers with link")
#
# request: LINK /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
link '/hello' do
  'Hello World'
end
