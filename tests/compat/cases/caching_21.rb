# compat: caching/etag_get_inm_match  (source: sinatra test/helpers_test.rb "returns 304 when If-None-Match is the etag (GET)")
#
# request: GET /
# request-header: If-None-Match: "foo"
# expect-status: 304
# expect-body:
get('/') do
  etag 'foo'
  'ok'
end
