# compat: params/route_param_wins_over_query  (source: sinatra test/routing_test.rb "route params override query params of the same name")
#
# request: GET /route?name=query
# expect-status: 200
# expect-body: route
get('/:name') { params[:name] }
