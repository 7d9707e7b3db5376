# compat: routing/trailing_slash_strict  (source: sinatra test/routing_test.rb "treats routes with and without trailing slashes differently")
#
# request: GET /foo
# expect-status: 200
# expect-body: Foo
#
# request: GET /foo/
# expect-status: 200
# expect-body: Foo with a slash
get '/foo' do
  'Foo'
end
get '/foo/' do
  'Foo with a slash'
end
