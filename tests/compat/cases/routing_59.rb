# compat: routing/host_name_condition  (source: sinatra test/routing_test.rb "passes to the next route when host_name does not match")
#
# request: GET /foo
# expect-status: 404
#
# request: GET /foo
# request-header: Host: example.com
# expect-status: 200
# expect-body: Hello World
get '/foo', :host_name => 'example.com' do
  'Hello World'
end
