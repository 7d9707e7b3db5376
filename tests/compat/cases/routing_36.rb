# compat: routing/literal_dot  (source: sinatra test/routing_test.rb "literally matches dot in paths")
#
# request: GET /test.bar
# expect-status: 200
# expect-body: ok
#
# request: GET /test0bar
# expect-status: 404
get('/test.bar') { 'ok' }
