# compat: routing/single_splat  (source: sinatra test/routing_test.rb "supports single splat params like /*")
#
# request: GET /foo
# expect-status: 200
# expect-body: Array:foo
#
# request: GET /foo/bar/baz
# expect-status: 200
# expect-body: Array:foo/bar/baz
get '/*' do
  "#{params['splat'].class}:#{params['splat'].join('|')}"
end
