# compat: routing/pass_to_404  (source: sinatra test/routing_test.rb "transitions to 404 and sets X-Cascade header when passed and no subsequent route matches")
#
# request: GET /foo
# expect-status: 404
# expect-header: X-Cascade: pass
get '/:foo' do
  pass
  'Hello Foo'
end
get '/bar' do
  'Hello Bar'
end
