# compat: caching/expires_time_at  (source: sinatra test/helpers_test.rb "allows passing Time.at objects")
#
# request: GET /baz
# expect-status: 200
# expect-header: Expires: Thu, 01 Jan 1970 00:00:00 GMT
get('/baz') { expires Time.at(0); 'x' }
