# compat: routing/named_and_splat  (source: sinatra test/routing_test.rb "supports mixing named and splat params like /:foo/*")
#
# request: GET /foo/bar/baz
# expect-status: 200
# expect-body: foo ["bar/baz"]
get '/:foo/*' do
  "#{params['foo']} #{params['splat'].inspect}"
end
