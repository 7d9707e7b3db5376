# compat: results/halt_integer  (source: sinatra test/result_test.rb "halt with only a status")
#
# request: GET /
# expect-status: 410
# expect-body:
get('/') { halt 410 }
