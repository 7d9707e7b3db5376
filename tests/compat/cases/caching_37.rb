# compat: caching/etag_post_normal  (source: sinatra test/helpers_test.rb "returns 200 for normal requests (POST)")
#
# request: POST /
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
post('/') do
  etag 'foo'
  'ok'
end
