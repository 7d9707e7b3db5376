# compat: filters/before_pattern  (source: sinatra test/filter_test.rb "takes an optional route pattern")
#
# request: GET /foo
# expect-status: 200
# expect-body: nil
#
# request: GET /bar
# expect-status: 200
# expect-body: true
before('/b*') { @ran = true }
get('/foo') { @ran.inspect }
get('/bar') { @ran.inspect }
