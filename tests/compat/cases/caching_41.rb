# compat: caching/etag_post_im_star  (source: sinatra test/helpers_test.rb "returns 412 when If-Match is * (POST)")
#
# request: POST /
# request-header: If-Match: *
# expect-status: 412
# expect-body:
post('/') do
  etag 'foo'
  'ok'
end
