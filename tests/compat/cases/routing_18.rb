# compat: routing/not_found_message  (source: sinatra test/routing_test.rb "captures the exception message of a raised NotFound")
#
# request: GET /
# expect-status: 404
# expect-body: This is not a drill
# expect-header: Content-Length: 19
get '/' do
  raise Sinatra::NotFound, 'This is not a drill'
end
