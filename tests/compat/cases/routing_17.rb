# compat: routing/not_found_content_length  (source: sinatra test/routing_test.rb "recalculates body length correctly for 404 response")
#
# request: GET /
# expect-status: 404
# expect-header: Content-Length: 18
get '/' do
  @response['Content-Length'] = '30'
  raise Sinatra::NotFound
end
