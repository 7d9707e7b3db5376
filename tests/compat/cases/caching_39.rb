# compat: caching/etag_post_inm_star_existing  (source: sinatra test/helpers_test.rb "returns 412 when If-None-Match is * for existing resources (POST)")
#
# request: POST /
# request-header: If-None-Match: *
# expect-status: 412
# expect-body:
post('/') do
  etag 'foo', :new_resource => false
  'ok'
end
