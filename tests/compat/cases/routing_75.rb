# compat: routing/internal_call  (source: sinatra test/routing_test.rb "allows using call to fire another request internally")
#
# request: GET /foo
# expect-status: 200
# expect-body: BAR
get '/foo' do
  status, headers, body = call env.merge('PATH_INFO' => '/bar')
  [status, headers, body.each.map(&:upcase)]
end
get '/bar' do
  'bar'
end
