# compat: routing/halt_sets_status_for_after  (source: sinatra test/routing_test.rb "sets response.status with halt")
#
# request: GET /
# expect-status: 500
# expect-body: error
# expect-header: X-Status-Was: 500
after { headers 'X-Status-Was' => status.to_s }
get('/') { halt 500, 'error' }
