# compat: provides/multiple_types  (source: sinatra test/routing_test.rb "allows multiple mime types for accept header")
#
# request: GET /
# request-header: Accept: image/jpeg
# expect-status: 200
# expect-body: image/jpeg
# expect-header: Content-Type: image/jpeg
#
# request: GET /
# request-header: Accept: image/pjpeg
# expect-status: 200
# expect-body: image/pjpeg
# expect-header: Content-Type: image/pjpeg
get '/', :provides => ['image/jpeg', 'image/pjpeg'] do
  env['HTTP_ACCEPT']
end
