# compat: redirect/content_type_html  (source: sinatra test/helpers_test.rb "a redirect keeps the default content type")
#
# request: GET /
# expect-status: 302
# expect-header: Content-Type: text/html;charset=utf-8
get('/') { redirect '/x' }
