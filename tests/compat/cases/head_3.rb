# compat: head/head_404  (source: sinatra test/routing_test.rb "HEAD to an unknown path is 404")
#
# request: HEAD /y
# expect-status: 404
# expect-body:
get('/x') { 'x' }
