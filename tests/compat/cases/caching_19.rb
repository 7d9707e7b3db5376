# compat: caching/etag_get_inm_star_new  (source: sinatra test/helpers_test.rb "returns 200 when If-None-Match is * for new resources (GET)")
#
# request: GET /
# request-header: If-None-Match: *
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
get('/') do
  etag 'foo', :new_resource => true
  'ok'
end
