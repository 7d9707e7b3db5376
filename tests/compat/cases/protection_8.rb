# compat: protection/app_header_kept  (source: sinatra test/settings_test.rb "a header the app sets is not overwritten")
#
# request: GET /
# expect-status: 200
# expect-body: hi
# expect-header: X-Frame-Options: DENY
get('/') { headers 'X-Frame-Options' => 'DENY'; 'hi' }
