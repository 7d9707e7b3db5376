# compat: filters/after_block_args  (source: sinatra test/filter_test.rb "generates block arguments from route pattern (after)")
#
# request: GET /foo/bar
# expect-status: 200
# expect-body: ok
# expect-header: X-Sub: bar
after('/foo/:sub') { |s| headers 'X-Sub' => s }
get('/foo/*') { 'ok' }
