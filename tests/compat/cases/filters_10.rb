# compat: filters/before_block_args  (source: sinatra test/filter_test.rb "generates block arguments from route pattern")
#
# request: GET /foo/bar
# expect-status: 200
# expect-body: bar
before('/foo/:sub') { |s| @sub = s }
get('/foo/*') { @sub.to_s }
