# compat: helpers/url_alias  (source: sinatra test/helpers_test.rb "is aliased to #url")
#
# request: GET /
# expect-status: 200
# expect-body: http://example.org/
get('/') { url }
