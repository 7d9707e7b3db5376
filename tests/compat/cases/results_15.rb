# compat: results/halt_status_body  (source: sinatra test/result_test.rb "halt with status and body")
#
# request: GET /
# expect-status: 401
# expect-body: go away!
get('/') { halt 401, 'go away!' }
