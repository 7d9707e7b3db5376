# compat: caching/last_modified_integer  (source: sinatra test/helpers_test.rb "last_modified accepts an Integer (epoch seconds)")
#
# request: GET /
# expect-status: 200
# expect-header: Last-Modified: Thu, 01 Jan 1970 00:00:00 GMT
get('/') { last_modified 0; 'x' }
