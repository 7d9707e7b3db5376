# compat: results/status_204_no_body  (source: sinatra test/result_test.rb "204 responses drop body and content headers")
#
# request: GET /
# expect-status: 204
# expect-body:
# expect-no-header: Content-Type
# expect-no-header: Content-Length
get('/') { [204, 'ignored'] }
