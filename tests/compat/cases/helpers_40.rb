# compat: helpers/uri_alternative  (source: sinatra test/helpers_test.rb "allows passing an alternative to path_info")
#
# request: GET /foo
# expect-status: 200
# expect-body: http://example.org/bar
get('/:name') { uri '/bar' }
