# compat: redirect/back_referer  (source: sinatra test/helpers_test.rb "redirects back to request.referer when passed back")
#
# request: GET /try_redirect
# request-header: Referer: /foo
# expect-status: 302
# expect-header: Location: http://example.org/foo
get('/try_redirect') { redirect back }
