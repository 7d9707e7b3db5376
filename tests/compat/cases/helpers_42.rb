# compat: helpers/uri_other_scheme  (source: sinatra test/helpers_test.rb "handles different protocols")
#
# request: GET /
# expect-status: 200
# expect-body: mailto:jsmith@example.com
get('/') { uri 'mailto:jsmith@example.com' }
