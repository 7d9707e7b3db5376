# compat: redirect/absolute_uri  (source: sinatra test/helpers_test.rb "accepts absolute URIs")
#
# request: GET /
# expect-status: 302
# expect-body:
# expect-header: Location: http://google.com
get('/') do
  redirect 'http://google.com'
  fail 'redirect should halt'
end
