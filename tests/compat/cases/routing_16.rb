# compat: routing/error_handler_content_type  (source: sinatra test/routing_test.rb "overrides the content-type in error handlers")
#
# request: GET /foo
# expect-status: 404
# expect-body: <h1>Not Found</h1>
# expect-header: Content-Type: text/html;charset=utf-8
before { content_type 'text/plain' }
error Sinatra::NotFound do
  content_type 'text/html'
  '<h1>Not Found</h1>'
end
