# compat: results/integer  (source: sinatra test/result_test.rb "sets status when result is a Integer status code")
#
# request: GET /
# expect-status: 205
# expect-body:
get('/') { 205 }
