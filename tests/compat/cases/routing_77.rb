# compat: routing/sinatra_route_env  (source: sinatra test/routing_test.rb "sets env['sinatra.route'] to the matched route")
#
# request: GET /users/1/status
# expect-status: 200
# expect-body: ok
# expect-header: X-Route: GET /users/:id/status
after do
  headers 'X-Route' => env['sinatra.route'].to_s
end
get('/users/:id/status') { 'ok' }
