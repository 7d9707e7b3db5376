# compat: filters/before_pattern_changes_path  (source: sinatra test/filter_test.rb "changes to path_info from a pattern matching before filter are respected when routing")
#
# request: GET /foo
# expect-status: 200
# expect-body: blah
before('/foo') { request.path_info = '/bar' }
get('/bar') { 'blah' }
