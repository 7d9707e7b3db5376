# compat: params/conflict_nested_400  (source: sinatra test/routing_test.rb "400s when request params contain conflicting types (nested)")
#
# request: GET /?a=2&a[b]=1
# expect-status: 400
get('/') { 'never' }
