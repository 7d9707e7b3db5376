# compat: routing/literal_plus  (source: sinatra test/routing_test.rb "literally matches plus sign in paths")
#
# request: GET /te%2Bst/
# expect-status: 200
# expect-body: ok
#
# request: GET /teeeeeeest/
# expect-status: 404
get('/te+st/') { 'ok' }
