# compat: routing/head_handler  (source: sinatra test/routing_test.rb "defines HEAD request handlers with HEAD")
#
# request: HEAD /hello
# expect-status: 200
# expect-body:
# expect-header: X-Hello: World!
head '/hello' do
  response['X-Hello'] = 'World!'
  'remove me'
end
