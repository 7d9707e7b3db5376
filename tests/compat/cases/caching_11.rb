# compat: caching/last_modified_exact  (source: sinatra test/helpers_test.rb "conditional GET matches and halts (exact date)")
#
# request: GET /
# request-header: If-Modified-Since: Mon, 18 Oct 2010 20:57:11 GMT
# expect-status: 304
# expect-body:
# expect-no-header: Content-Type
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
