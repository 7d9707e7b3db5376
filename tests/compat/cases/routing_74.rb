# compat: routing/host_option  (source: sinatra test/routing_test.rb "adds hostname condition when it is in options")
#
# request: GET /foo
# expect-status: 404
#
# request: GET /foo
# request-header: Host: host
# expect-status: 200
# expect-body: foo
get '/foo', :host => 'host' do
  'foo'
end
