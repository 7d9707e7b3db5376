# compat: routing/bad_request_message  (source: sinatra test/routing_test.rb "captures the exception message of a raised BadRequest")
#
# request: GET /
# expect-status: 400
# expect-body: This is not a drill either
# expect-header: Content-Length: 26
get '/' do
  raise Sinatra::BadRequest, 'This is not a drill either'
end
