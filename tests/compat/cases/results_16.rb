# compat: results/halt_status_headers_body  (source: sinatra test/result_test.rb "halt with status, headers and body")
#
# request: GET /
# expect-status: 402
# expect-body: revenge
# expect-header: Content-Type: text/plain
get('/') { halt 402, {'Content-Type' => 'text/plain'}, 'revenge' }
