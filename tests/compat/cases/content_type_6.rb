# compat: content_type/default_charset_css  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (css)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: text/css;charset=utf-8
get('/') do
  content_type :css
  'x'
end
