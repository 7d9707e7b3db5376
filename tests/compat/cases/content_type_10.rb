# compat: content_type/default_charset_json  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (json)")
#
# request: GET /
# expect-status: 200
# expect-body: x
# expect-header: Content-Type: application/json
get('/') do
  content_type :json
  'x'
end
