# compat: caching/etag_get_inm_star  (source: sinatra test/helpers_test.rb "returns 304 when If-None-Match is * (GET)")
#
# request: GET /
# request-header: If-None-Match: *
# expect-status: 304
# expect-body:
get('/') do
  etag 'foo'
  'ok'
end
