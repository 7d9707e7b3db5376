# compat: caching/etag_get_inm_star_existing  (source: sinatra test/helpers_test.rb "returns 304 when If-None-Match is * for existing resources (GET)")
#
# request: GET /
# request-header: If-None-Match: *
# expect-status: 304
# expect-body:
get('/') do
  etag 'foo', :new_resource => false
  'ok'
end
