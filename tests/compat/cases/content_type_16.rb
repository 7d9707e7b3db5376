# compat: content_type/default_charset_csv  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (csv)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: text/csv;charset=utf-8
get('/') do
  content_type :csv
  'x'
end
