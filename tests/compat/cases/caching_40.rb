# compat: caching/etag_post_inm_match  (source: sinatra test/helpers_test.rb "returns 412 when If-None-Match is the etag (POST)")
#
# request: POST /
# request-header: If-None-Match: "foo"
# expect-status: 412
# expect-body:
post('/') do
  etag 'foo'
  'ok'
end
