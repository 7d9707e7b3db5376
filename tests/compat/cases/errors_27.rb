# compat: errors/bad_request_class  (source: sinatra test/routing_test.rb "Sinatra::BadRequest without a message is 400 Bad Request")
#
# request: GET /
# expect-status: 400
# expect-body: <h1>Bad Request</h1>
get('/') { raise Sinatra::BadRequest }
