# compat: caching/etag_post_im_star_existing  (source: sinatra test/helpers_test.rb "returns 200 when If-Match is * for existing resources (POST)")
#
# request: POST /
# request-header: If-Match: *
# expect-status: 200
# expect-body: ok
# expect-header: ETag: "foo"
post('/') do
  etag 'foo', :new_resource => false
  'ok'
end
