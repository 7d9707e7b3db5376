# compat: content_type/default_charset_png  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (png)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: image/png
get('/') do
  content_type :png
  'x'
end
