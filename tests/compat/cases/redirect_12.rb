# compat: redirect/query_kept  (source: sinatra test/helpers_test.rb "redirect keeps a query string")
#
# request: GET /
# expect-status: 302
# expect-header: Location: http://example.org/search?q=a+b
get('/') { redirect '/search?q=a+b' }
