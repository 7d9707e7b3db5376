# compat: head/request_head  (source: sinatra test/request_test.rb "request.head? is true in the GET route")
#
# request: HEAD /
# expect-status: 200
# expect-header: X-Head: true
get('/') { headers 'X-Head' => request.head?.to_s; 'x' }
