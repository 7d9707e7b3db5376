# compat: caching/etag_2xx_changed  (source: sinatra test/helpers_test.rb "does change 2xx status codes")
#
# request: GET /
# request-header: If-None-Match: "foo"
# expect-status: 304
# expect-body:
get('/') do
  status 299
  etag 'foo'
  'ok'
end
