# compat: routing/strict_paths_disabled  (source: sinatra test/routing_test.rb "does not treat routes with and without trailing slashes differently if :strict_paths is disabled")
#
# request: GET /foo
# expect-status: 200
# expect-body: foo
#
# request: GET /foo/
# expect-status: 200
# expect-body: foo
disable :strict_paths
get '/foo' do
  'foo'
end
