# compat: helpers/error_keeps_content_type  (source: sinatra test/helpers_test.rb "should not reset the content-type to html for error handlers")
#
# request: GET /
# expect-status: 404
# expect-body: {"error":"Not Found"}
# expect-header: Content-Type: application/json
before { content_type 'application/json' }
not_found { '{"error":"Not Found"}' }
