# compat: results/two_tuple  (source: sinatra test/result_test.rb "sets status and body when result is a two-tuple")
#
# request: GET /
# expect-status: 409
# expect-body: formula of
get('/') { [409, 'formula of'] }
