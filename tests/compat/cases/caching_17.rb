# compat: caching/etag_get_normal  (source: sinatra test/helpers_test.rb "returns 200 for normal requests (GET)")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
get('/') do
  etag 'foo'
  'ok'
end
