# compat: caching/etag_put_inm_no_match  (source: sinatra test/helpers_test.rb "returns 200 when If-None-Match does not include the etag (PUT)")
#
# request: PUT /
# request-header: If-None-Match: "bar"
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
put('/') do
  etag 'foo'
  'ok'
end
