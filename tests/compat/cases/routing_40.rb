# compat: routing/escaped_parens  (source: sinatra test/routing_test.rb "literally matches parens in paths when escaped")
#
# request: GET /test(bar)/
# expect-status: 200
# expect-body: ok
get('/test\\(bar\\)/') { 'ok' }
