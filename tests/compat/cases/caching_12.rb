# compat: caching/last_modified_not_since  (source: sinatra test/helpers_test.rb "conditional GET matches and halts (not modified since)")
#
# request: GET /
# request-header: If-Modified-Since: Mon, 18 Oct 2010 20:57:12 GMT
# expect-status: 304
# expect-body:
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
