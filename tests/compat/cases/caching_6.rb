# compat: caching/last_modified_nil  (source: sinatra test/helpers_test.rb "ignores nil")
#
# request: GET /
# expect-status: 200
# expect-body:
# expect-no-header: Last-Modified
get('/') { last_modified nil; 200 }
