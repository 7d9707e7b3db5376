# compat: content_type/default_charset_txt  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (txt)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: text/plain;charset=utf-8
get('/') do
  content_type :txt
  'x'
end
