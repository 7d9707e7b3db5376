# compat: routing/error_404_handler_wins  (source: sinatra test/routing_test.rb "uses 404 error handler for not matching route")
#
# request: GET /
# expect-status: 404
# expect-body: e
not_found do
  'nf'
end
error 404 do
  'e'
end
