# compat: head/explicit_head_wins  (source: sinatra test/routing_test.rb "an explicit head route defined first wins")
#
# request: HEAD /
# expect-status: 200
# expect-header: X-Which: head
head('/') { headers 'X-Which' => 'head'; '' }
get('/') { headers 'X-Which' => 'get'; 'x' }
