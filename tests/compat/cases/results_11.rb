# compat: results/symbol_not_body  (source: sinatra test/result_test.rb "a Symbol result does not set the body")
#
# request: GET /
# expect-status: 200
# expect-body: kept
get('/') { body 'kept'; :sym }
