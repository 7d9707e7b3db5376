# compat: filters/before_after_order  (source: sinatra test/filter_test.rb "executes before and after filters in correct order")
#
# request: GET /
# expect-status: 200
# expect-body: hello
# expect-header: X-Invoked: 8
before   { @invoked = 2 }
get('/') { @invoked += 2; 'hello' }
after    { @invoked *= 2; headers 'X-Invoked' => @invoked.to_s }
