# compat: redirect/to_helper  (source: sinatra test/readme_test.rb "redirect to('/bar')")
#
# request: GET /foo
# expect-status: 302
# expect-header: Location: http://example.org/bar
get('/foo') { redirect to('/bar') }
