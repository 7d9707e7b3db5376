# compat: content_type/default_charset_jpg  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (jpg)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: image/jpeg
get('/') do
  content_type :jpg
  'x'
end
