# compat: protection/html_headers  (source: sinatra test/settings_test.rb "Rack::Protection adds X-Frame-Options, X-XSS-Protection, X-Content-Type-Options to HTML")
#
# request: GET /
# expect-status: 200
# expect-body: hi
# expect-header: X-Frame-Options: SAMEORIGIN
# expect-header: X-XSS-Protection: 1; mode=block
# expect-header: X-Content-Type-Options: nosniff
get('/') { 'hi' }
