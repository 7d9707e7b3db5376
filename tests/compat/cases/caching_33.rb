# compat: caching/etag_put_inm_match  (source: sinatra test/helpers_test.rb "returns 412 when If-None-Match is the etag (PUT)")
#
# request: PUT /
# request-header: If-None-Match: "foo"
# expect-status: 412
# expect-body:
put('/') do
  etag 'foo'
  'ok'
end
