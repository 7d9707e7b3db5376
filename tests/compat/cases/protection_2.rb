# compat: protection/json_headers  (source: sinatra test/settings_test.rb "non-HTML responses only get X-Content-Type-Options")
#
# request: GET /
# expect-status: 200
# expect-body: {}
# expect-header: X-Content-Type-Options: nosniff
# expect-no-header: X-Frame-Options
# expect-no-header: X-XSS-Protection
get('/') { content_type :json; '{}' }
