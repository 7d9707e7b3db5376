# compat: caching/etag_get_im_includes  (source: sinatra test/helpers_test.rb "returns 200 when If-Match includes the etag (GET)")
#
# request: GET /
# request-header: If-Match: "foo", "bar"
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
get('/') do
  etag 'foo'
  'ok'
end
