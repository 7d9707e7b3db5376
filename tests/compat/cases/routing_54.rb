# compat: routing/pass_to_next  (source: sinatra test/routing_test.rb "transitions to the next matching route on pass")
#
# request: GET /bar
# expect-status: 200
# expect-body: Hello World false
get '/:foo' do
  pass
  'Hello Foo'
end
get '/*' do
  "Hello World #{params.include?('foo')}"
end
