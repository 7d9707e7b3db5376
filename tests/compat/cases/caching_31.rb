# compat: caching/etag_put_inm_star  (source: sinatra test/helpers_test.rb "returns 412 when If-None-Match is * (PUT)")
#
# request: PUT /
# request-header: If-None-Match: *
# expect-status: 412
# expect-body:
put('/') do
  etag 'foo'
  'ok'
end
