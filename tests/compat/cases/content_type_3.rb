# compat: content_type/symbol_lookup  (source: sinatra test/helpers_test.rb "looks up symbols in Rack's mime types dictionary")
#
# request: GET /foo.xml
# expect-status: 200
# expect-body: I AM FOO
# expect-header: Content-Type: application/foo
mime_type :foo, 'application/foo'
get('/foo.xml') do
  content_type :foo
  'I AM FOO'
end
