# compat: provides/passed_routes_no_interference  (source: sinatra test/routing_test.rb "doesn't allow provides of passed routes to interfere with provides of other routes")
#
# request: GET /foo
# request-header: Accept: */*
# expect-status: 200
# expect-body: foo
# expect-header: Content-Type: text/plain;charset=utf-8
#
# request: GET /bar
# request-header: Accept: */*
# expect-status: 200
# expect-body: bar
# expect-header: Content-Type: text/html;charset=utf-8
get('/:foo', :provides => :txt) do
  pass if params[:foo] != 'foo'
  'foo'
end
get('/bar', :provides => :html) { 'bar' }
