# compat: filters/before_modifies_request  (source: sinatra test/filter_test.rb "can modify the request")
#
# request: GET /foo
# expect-status: 200
# expect-body: bar
get('/foo') { 'foo' }
get('/bar') { 'bar' }
before { request.path_info = '/bar' }
