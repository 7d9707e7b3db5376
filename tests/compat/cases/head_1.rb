# compat: head/get_route_head  (source: sinatra test/routing_test.rb "a GET route answers HEAD without a body")
#
# request: HEAD /
# expect-status: 200
# expect-body:
# expect-header: X-Get: yes
# expect-header: Content-Type: text/html;charset=utf-8
get('/') { headers 'X-Get' => 'yes'; 'body' }
