# compat: filters/after_redirect  (source: sinatra test/filter_test.rb "allows redirects (after)")
#
# request: GET /foo
# expect-status: 302
# expect-body:
# expect-header: Location: http://example.org/bar
get('/foo') { 'ORLY' }
after { redirect '/bar' }
