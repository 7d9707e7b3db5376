# compat: redirect/non_standard_port  (source: sinatra test/helpers_test.rb "redirects using a non-standard HTTP port")
#
# request: GET /
# request-header: Host: example.org:81
# expect-status: 302
# expect-header: Location: http://example.org:81/foo
get('/') { redirect '/foo' }
