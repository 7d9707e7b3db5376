# compat: results/nil  (source: sinatra test/result_test.rb "sets response.body to [] when result is nil")
#
# request: GET /
# expect-status: 200
# expect-body:
get('/') { nil }
