# compat: provides/json_api  (source: sinatra test/routing_test.rb "provides :json sets application/json")
#
# request: GET /data
# request-header: Accept: application/json
# expect-status: 200
# expect-body: []
# expect-header: Content-Type: application/json
get('/data', :provides => :json) { '[]' }
