# compat: content_type/add_charset  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (add_charset)")
#
# request: GET /
# expect-status: 200
# expect-header: Content-Type: application/baz;charset=utf-8
mime_type :baz, 'application/baz'
add_charset << mime_type(:baz)
get('/') { content_type :baz; 'x' }
