# compat: readme/triggering_another_route  (source: sinatra test/readme_test.rb "Triggering another route with call")
#
# request: GET /foo
# expect-status: 200
# expect-body: BAR
get '/foo' do
  status, headers, body = call env.merge('PATH_INFO' => '/bar')
  [status, headers, body.map(&:upcase)]
end
get '/bar' do
  'bar'
end
