# compat: routing/x_cascade_disabled  (source: sinatra test/routing_test.rb "404s and does not set X-Cascade header when no route satisfies the request and x_cascade has been disabled")
#
# request: GET /bar
# expect-status: 404
# expect-no-header: X-Cascade
disable :x_cascade
get('/foo') { 'foo' }
