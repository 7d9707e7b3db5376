# compat: filters/after_order  (source: sinatra test/filter_test.rb "executes filters in the order defined (after)")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
# expect-header: X-Order: one,two
get('/') { 'Hello World' }
after { headers 'X-Order' => 'one' }
after { headers 'X-Order' => response['X-Order'] + ',two' }
