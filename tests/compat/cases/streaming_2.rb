# compat: streaming/route_params  (source: sinatra test/streaming_test.rb "gives access to route specific params")
#
# request: GET /foo
# expect-status: 200
# expect-body: foo
get('/:name') do
  stream { |o| o << params[:name] }
end
