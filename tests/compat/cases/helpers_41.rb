# compat: helpers/uri_absolute_given  (source: sinatra test/helpers_test.rb "handles absolute URIs")
#
# request: GET /
# expect-status: 200
# expect-body: http://google.com
get('/') { uri 'http://google.com' }
