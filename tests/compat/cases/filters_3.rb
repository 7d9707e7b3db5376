# compat: filters/before_ivars  (source: sinatra test/filter_test.rb "can modify instance variables available to routes")
#
# request: GET /foo
# expect-status: 200
# expect-body: bar
before { @foo = 'bar' }
get('/foo') { @foo }
