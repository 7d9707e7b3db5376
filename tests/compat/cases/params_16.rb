# compat: params/splat_and_captures_keys  (source: sinatra test/routing_test.rb "splat appears in params")
#
# request: GET /a/b?x=1
# expect-status: 200
# expect-body: splat,x
get('/a/*') { params.keys.sort.join(',') }
