# compat: content_type/default_charset_html  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (html)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: text/html;charset=utf-8
get('/') do
  content_type :html
  'x'
end
