# compat: caching/etag_get_im_star  (source: sinatra test/helpers_test.rb "returns 200 when If-Match is * (GET)")
#
# request: GET /
# request-header: If-Match: *
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
get('/') do
  etag 'foo'
  'ok'
end
