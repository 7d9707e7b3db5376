# compat: caching/last_modified_modified_since  (source: sinatra test/helpers_test.rb "conditional GET misses and returns a body (modified since)")
#
# request: GET /
# request-header: If-Modified-Since: Mon, 18 Oct 2010 20:57:10 GMT
# expect-status: 200
# expect-body: Boo!
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
