# compat: caching/last_modified_invalid_since  (source: sinatra test/helpers_test.rb "conditional GET misses and returns a body (invalid If-Modified-Since)")
#
# request: GET /
# request-header: If-Modified-Since: a really weird date
# expect-status: 200
# expect-body: Boo!
# expect-header: Last-Modified: Mon, 18 Oct 2010 20:57:11 GMT
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
