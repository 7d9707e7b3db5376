# compat: helpers/uri_port  (source: sinatra test/helpers_test.rb "uri includes a non-default port")
#
# request: GET /
# request-header: Host: example.org:8080
# expect-status: 200
# expect-body: http://example.org:8080/x
get('/') { uri('/x') }
