# compat: caching/etag_non_2xx  (source: sinatra test/helpers_test.rb "does not change a status code other than 2xx or 304")
#
# request: GET /
# request-header: If-None-Match: "foo"
# expect-status: 499
# expect-body: ok
get('/') do
  status 499
  etag 'foo'
  'ok'
end
