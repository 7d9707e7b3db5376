# compat: routing/block_params_splats  (source: sinatra test/routing_test.rb "supports mixing multiple splat params like /*/foo/*/* as block parameters")
#
# request: GET /bar/foo/bling/baz/boom
# expect-status: 200
# expect-body: bar|bling|baz/boom
get '/*/foo/*/*' do |foo, bar, baz|
  [foo, bar, baz].join('|')
end
