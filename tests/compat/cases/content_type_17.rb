# compat: content_type/custom_text_type_charset  (source: sinatra test/helpers_test.rb "only sets default charset for specific mime types (custom text/foo)")
#
# request: GET /foo
# expect-status: 200
# expect-header: Content-Type: text/foo;charset=utf-8
#
# request: GET /bar
# expect-status: 200
# expect-header: Content-Type: application/bar
mime_type :foo, 'text/foo'
mime_type :bar, 'application/bar'
get('/foo') { content_type :foo; 'x' }
get('/bar') { content_type :bar; 'x' }
