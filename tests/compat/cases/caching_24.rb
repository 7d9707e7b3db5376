# compat: caching/etag_get_inm_ignores_ims  (source: sinatra test/helpers_test.rb "ignores If-Modified-Since if If-None-Match does not match (GET)")
#
# request: GET /
# request-header: If-None-Match: "bar"
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
get('/') do
  last_modified Time.at(0)
  etag 'foo'
  'ok'
end
