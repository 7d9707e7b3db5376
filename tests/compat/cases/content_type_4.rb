# compat: content_type/unknown_fails  (source: sinatra test/helpers_test.rb "fails when no mime type is registered for the argument provided")
#
# request: GET /foo.xml
# expect-status: 500
# expect-body: <h1>Internal Server Error</h1>
get('/foo.xml') do
  content_type :bizzle
  'I AM FOO'
end
