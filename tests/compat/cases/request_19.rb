# compat: request/body_binary_length  (source: sinatra test/request_test.rb "the request body is binary-safe")
#
# request: POST /
# request-header: Content-Type: application/octet-stream
# request-body: héllo
# expect-status: 200
# expect-body: 6
post('/') { request.body.read.bytesize.to_s }
