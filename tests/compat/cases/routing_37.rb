# compat: routing/literal_dollar  (source: sinatra test/routing_test.rb "literally matches dollar sign in paths")
#
# request: GET /test$/
# expect-status: 200
# expect-body: ok
get('/test$/') { 'ok' }
