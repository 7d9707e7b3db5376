# compat: routing/route_signature  (source: sinatra test/routing_test.rb "returns the route signature")
#
# request: GET /
# expect-status: 200
# expect-body: Array 3 true
signature = post('/') { }
get('/') { "#{signature.class} #{signature.length} #{settings.routes['POST'].include?(signature)}" }
