# compat: routing/error_handler_sees_params  (source: sinatra test/routing_test.rb "makes original request params available in error handler")
#
# request: GET /bar
# expect-status: 500
# expect-body: Hello bar2
get '/:foo' do
  raise ArgumentError, 'foo'
end
error do
  "Hello #{params['foo']}2"
end
