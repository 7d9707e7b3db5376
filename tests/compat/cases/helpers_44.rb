# compat: helpers/to_alias  (source: sinatra test/helpers_test.rb "is aliased to #to")
#
# request: GET /
# expect-status: 200
# expect-body: http://example.org/
get('/') { to }
