# compat: helpers/uri_absolute  (source: sinatra test/helpers_test.rb "generates absolute urls")
#
# request: GET /
# expect-status: 200
# expect-body: http://example.org/
get('/') { uri }
