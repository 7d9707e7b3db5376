# compat: results/bad_tuple  (source: sinatra test/result_test.rb "raises a ArgumentError when result is a non two or three tuple Array")
#
# request: GET /
# expect-status: 500
get('/') { [409, 'formula of', 'something else', 'even more'] }
