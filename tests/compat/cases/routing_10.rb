# compat: routing/params_conflict_400  (source: sinatra test/routing_test.rb "400s when request params contain conflicting types")
#
# request: GET /foo?bar=&bar[]=
# expect-status: 400
get('/foo') { 'never' }
