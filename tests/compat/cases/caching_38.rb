# compat: caching/etag_post_inm_star  (source: sinatra test/helpers_test.rb "returns 200 when If-None-Match is * (POST)")
#
# request: POST /
# request-header: If-None-Match: *
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
post('/') do
  etag 'foo'
  'ok'
end
