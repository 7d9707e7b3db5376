# compat: filters/before_order  (source: sinatra test/filter_test.rb "executes filters in the order defined")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World 12
get('/') { "Hello World #{@count}" }
before { @count = 1 }
before { @count = @count * 10 + 2 }
