# compat: routing/no_route_404  (source: sinatra test/routing_test.rb "404s and sets X-Cascade header when no route satisfies the request")
#
# request: GET /bar
# expect-status: 404
# expect-body: <h1>Not Found</h1>
# expect-header: X-Cascade: pass
# expect-header: Content-Type: text/html;charset=utf-8
#
# request: POST /foo
# expect-status: 404
# expect-header: X-Cascade: pass
get('/foo') { 'foo' }
