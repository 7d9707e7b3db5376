# compat: redirect/post_303  (source: sinatra test/helpers_test.rb "uses 303 for post requests if request is HTTP 1.1")
#
# request: POST /
# expect-status: 303
# expect-body:
# expect-header: Location: http://example.org/
post('/') { redirect '/' }
