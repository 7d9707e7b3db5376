# compat: redirect/code_given  (source: sinatra test/helpers_test.rb "uses the code given when specified")
#
# request: GET /
# expect-status: 301
# expect-body:
# expect-header: Location: http://example.org/foo
get('/') do
  redirect '/foo', 301
  fail 'redirect should halt'
end
