# compat: errors/multiple_ranges  (source: sinatra test/mapped_error_test.rb "allows passing more than one range")
#
# request: GET /
# expect-status: 507
# expect-body: Error: 507
#
# request: GET /410
# expect-status: 410
# expect-body: Error: 410
#
# request: GET /412
# expect-status: 412
# expect-body: precondition
error(409..411, 503..509) { "Error: #{response.status}" }
get('/') { [507, {}, 'A very special error'] }
get('/410') { [410, {}, 'gone'] }
get('/412') { [412, {}, 'precondition'] }
