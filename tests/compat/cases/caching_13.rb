# compat: caching/last_modified_string_compare  (source: sinatra test/helpers_test.rb "does not rely on string comparison")
#
# request: GET /compare
# request-header: If-Modified-Since: Sun, 26 Sep 2010 23:43:52 GMT
# expect-status: 200
# expect-body: foo
#
# request: GET /compare
# request-header: If-Modified-Since: Sun, 26 Sep 2030 23:43:52 GMT
# expect-status: 304
# expect-body:
get('/compare') do
  last_modified 'Mon, 18 Oct 2010 20:57:11 GMT'
  'foo'
end
