# compat: helpers/status_sets  (source: sinatra test/helpers_test.rb "sets the response status code")
#
# request: GET /
# expect-status: 207
# expect-body: multi
get('/') { status 207; 'multi' }
