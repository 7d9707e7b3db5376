# compat: params/percent_decoding  (source: sinatra test/filter_test.rb "properly unescapes parameters")
#
# request: GET /foo?foo=bar%3Abaz%2Fbend
# expect-status: 200
# expect-body: bar:baz/bend
get('/foo') { params['foo'] }
