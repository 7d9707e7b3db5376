# compat: caching/etag_get_im_match  (source: sinatra test/helpers_test.rb "returns 200 when If-Match is the etag (GET)")
#
# request: GET /
# request-header: If-Match: "foo"
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
get('/') do
  etag 'foo'
  'ok'
end
