# compat: content_type/charset_present  (source: sinatra test/helpers_test.rb "does not add charset if present")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: Content-Type: text/plain;charset=utf-16
get('/') do
  content_type 'text/plain;charset=utf-16'
  'ok'
end
