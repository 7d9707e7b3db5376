# compat: redirect/other_scheme  (source: sinatra test/helpers_test.rb "accepts absolute URIs with a different schema")
#
# request: GET /
# expect-status: 302
# expect-body:
# expect-header: Location: mailto:jsmith@example.com
get('/') do
  redirect 'mailto:jsmith@example.com'
  fail 'redirect should halt'
end
