# compat: routing/multiple_splats  (source: sinatra test/routing_test.rb "supports mixing multiple splat params like /*/foo/*/*")
#
# request: GET /bar/foo/bling/baz/boom
# expect-status: 200
# expect-body-json: "bar\nbling\nbaz/boom"
#
# request: GET /bar/foo/baz
# expect-status: 404
get '/*/foo/*/*' do
  params['splat'].join("\n")
end
