# compat: content_type/default_charset_svg  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (svg)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: image/svg+xml
get('/') do
  content_type :svg
  'x'
end
