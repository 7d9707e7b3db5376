# compat: caching/etag_get_im_star_new  (source: sinatra test/helpers_test.rb "returns 412 when If-Match is * for new resources (GET)")
#
# request: GET /
# request-header: If-Match: *
# expect-status: 412
# expect-body:
get('/') do
  etag 'foo', :new_resource => true
  'ok'
end
