# compat: content_type/default_charset_xhtml  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (xhtml)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: application/xhtml+xml;charset=utf-8
get('/') do
  content_type :xhtml
  'x'
end
