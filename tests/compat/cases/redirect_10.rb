# compat: redirect/relative_disabled_absolute  (source: sinatra test/settings_test.rb "does not make redirects absolute if absolute_redirects is false")
#
# request: GET /
# expect-status: 302
# expect-header: Location: /foo
disable :absolute_redirects
get('/') { redirect '/foo' }
