# compat: request/redirect_behind_proxy  (source: sinatra test/helpers_test.rb "works behind a reverse proxy")
#
# request: GET /
# request-header: Host: example.org:8080
# request-header: X-Forwarded-Host: example.com
# expect-status: 302
# expect-header: Location: http://example.com/foo
get('/') { redirect '/foo' }
