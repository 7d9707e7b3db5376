# compat: filters/before_redirect  (source: sinatra test/filter_test.rb "allows redirects")
#
# request: GET /foo
# expect-status: 302
# expect-body:
# expect-header: Location: http://example.org/bar
before { redirect '/bar' }
get('/foo') do
  fail 'before block should have halted processing'
  'ORLY?!'
end
