# compat: content_type/default_charset_pdf  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (pdf)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: application/pdf
get('/') do
  content_type :pdf
  'x'
end
