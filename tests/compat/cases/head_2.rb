# compat: head/head_content_length  (source: sinatra test/routing_test.rb "HEAD keeps the Content-Length of the GET body")
#
# request: HEAD /
# expect-status: 200
# expect-body:
# expect-header: Content-Length: 4
get('/') { 'four' }
