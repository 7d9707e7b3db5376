# compat: caching/etag_get_im_no_match  (source: sinatra test/helpers_test.rb "returns 412 when If-Match does not include the etag (GET)")
#
# request: GET /
# request-header: If-Match: "bar"
# expect-status: 412
# expect-body:
get('/') do
  etag 'foo'
  'ok'
end
