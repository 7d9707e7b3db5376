# compat: helpers/uri_path_info  (source: sinatra test/helpers_test.rb "includes path_info")
#
# request: GET /foo
# expect-status: 200
# expect-body: http://example.org/foo
get('/:name') { uri }
