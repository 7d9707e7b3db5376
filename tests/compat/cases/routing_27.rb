# compat: routing/optional_named_params  (source: sinatra test/routing_test.rb "supports optional named params like /?:foo?/?:bar?")
#
# request: GET /hello/world
# expect-status: 200
# expect-body: foo=hello;bar=world
#
# request: GET /hello
# expect-status: 200
# expect-body: foo=hello;bar=
#
# request: GET /hello?bar=baz
# expect-status: 200
# expect-body: foo=hello;bar=baz
#
# request: GET /
# expect-status: 200
# expect-body: foo=;bar=
get '/?:foo?/?:bar?' do
  "foo=#{params[:foo]};bar=#{params[:bar]}"
end
