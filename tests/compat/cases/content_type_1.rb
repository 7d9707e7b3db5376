# compat: content_type/sets_header  (source: sinatra test/helpers_test.rb "sets the Content-Type header")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
# expect-header: Content-Type: text/plain;charset=utf-8
get('/') do
  content_type 'text/plain'
  'Hello World'
end
