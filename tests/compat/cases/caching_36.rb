# compat: caching/etag_put_im_no_match  (source: sinatra test/helpers_test.rb "returns 412 when If-Match does not include the etag (PUT)")
#
# request: PUT /
# request-header: If-Match: "bar"
# expect-status: 412
# expect-body:
put('/') do
  etag 'foo'
  'ok'
end
