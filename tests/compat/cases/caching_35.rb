# compat: caching/etag_put_im_match  (source: sinatra test/helpers_test.rb "returns 200 when If-Match is the etag (PUT)")
#
# request: PUT /
# request-header: If-Match: "foo"
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
put('/') do
  etag 'foo'
  'ok'
end
