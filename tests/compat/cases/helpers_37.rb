# compat: helpers/back_redirect  (source: sinatra test/helpers_test.rb "makes redirecting back pretty")
#
# request: GET /foo
# request-header: Referer: http://github.com
# expect-status: 302
# expect-header: Location: http://github.com
get('/foo') { redirect back }
