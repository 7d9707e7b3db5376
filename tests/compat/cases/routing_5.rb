# compat: routing/verb_options  (source: sinatra test/routing_test.rb "defines OPTIONS request handlers with options")
#
# request: OPTIONS /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
options '/hello' do
  'Hello World'
end
