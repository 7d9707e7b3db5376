# compat: caching/expires_bad_string  (source: sinatra test/helpers_test.rb "fails when Time.parse raises an ArgumentError")
#
# request: GET /boom
# expect-status: 500
get('/boom') { expires '9999' }
