# compat: errors/error_block_for_404_status  (source: sinatra test/mapped_error_test.rb "error(404) handles a route that sets status 404")
#
# request: GET /
# expect-status: 404
# expect-body: custom 404
error(404) { 'custom 404' }
get('/') { status 404; 'route body' }
