# compat: routing/verb_unlink  (source: sinatra test/routing_test.rb "defines UNLINK request handlers with unlink")
#
# request: UNLINK /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
unlink '/hello' do
  'Hello World'
end
