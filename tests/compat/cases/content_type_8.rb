# compat: content_type/default_charset_xml  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (xml)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: application/xml;charset=utf-8
get('/') do
  content_type :xml
  'x'
end
