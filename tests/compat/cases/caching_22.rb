# compat: caching/etag_get_inm_includes  (source: sinatra test/helpers_test.rb "returns 304 when If-None-Match includes the etag (GET)")
#
# request: GET /
# request-header: If-None-Match: "bar", "foo"
# expect-status: 304
# expect-body:
get('/') do
  etag 'foo'
  'ok'
end
