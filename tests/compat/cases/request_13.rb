# compat: request/content_type_and_length  (source: sinatra test/request_test.rb "request.content_type, media_type and content_length")
#
# request: POST /
# request-header: Content-Type: application/json; charset=utf-8
# request-body: {"a":1}
# expect-status: 200
# expect-body: application/json; charset=utf-8|application/json|7
post('/') { [request.content_type, request.media_type, request.content_length].join('|') }
