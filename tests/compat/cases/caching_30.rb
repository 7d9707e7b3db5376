# compat: caching/etag_put_normal  (source: sinatra test/helpers_test.rb "returns 200 for normal requests (PUT)")
#
# request: PUT /
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
put('/') do
  etag 'foo'
  'ok'
end
