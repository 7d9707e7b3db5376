# compat: params/symbol_fetch_and_dig  (source: sinatra test/routing_test.rb "params supports fetch and dig with symbols")
#
# request: GET /?a=1&b[c]=2
# expect-status: 200
# expect-body: 1 2
get('/') { "#{params.fetch(:a)} #{params.dig(:b, :c)}" }
