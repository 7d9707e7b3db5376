# compat: protection/not_found_headers  (source: sinatra test/settings_test.rb "the 404 page gets the protection headers too")
#
# request: GET /missing
# expect-status: 404
# expect-header: X-Frame-Options: SAMEORIGIN
# expect-header: X-Content-Type-Options: nosniff
get('/x') { 'x' }
