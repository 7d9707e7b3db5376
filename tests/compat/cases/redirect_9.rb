# compat: redirect/with_body  (source: sinatra test/helpers_test.rb "redirect takes a body after the status")
#
# request: GET /
# expect-status: 307
# expect-body: moved
# expect-header: Location: http://example.org/foo
get('/') { redirect '/foo', 307, 'moved' }
