# compat: results/content_length  (source: sinatra test/result_test.rb "sets Content-Length from the body")
#
# request: GET /
# expect-status: 200
# expect-body: héllo
# expect-header: Content-Length: 6
get('/') { 'héllo' }
