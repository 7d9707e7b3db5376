# compat: errors/status_mapping  (source: sinatra test/mapped_error_test.rb "allows numeric status code mappings to be registered with ::error")
#
# request: GET /
# expect-status: 500
# expect-body: Foo!
error(500) { 'Foo!' }
get('/') { [500, {}, 'Internal Foo Error'] }
