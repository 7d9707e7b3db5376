# compat: protection/disabled  (source: sinatra test/settings_test.rb "disable :protection removes the headers")
#
# request: GET /
# expect-status: 200
# expect-body: hi
# expect-no-header: X-Frame-Options
# expect-no-header: X-XSS-Protection
# expect-no-header: X-Content-Type-Options
disable :protection
get('/') { 'hi' }
