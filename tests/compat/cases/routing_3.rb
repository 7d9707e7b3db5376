# compat: routing/verb_post  (source: sinatra test/routing_test.rb "defines POST request handlers with post")
#
# request: POST /hello
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/html;charset=utf-8
post '/hello' do
  'Hello World'
end
