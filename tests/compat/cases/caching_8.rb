# compat: caching/last_modified_header  (source: sinatra test/helpers_test.rb "sets the Last-Modified header to a valid RFC 2616 date value")
#
# request: GET /
# expect-status: 200
# expect-body: Boo!
# expect-header: Last-Modified: Mon, 18 Oct 2010 20:57:11 GMT
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
