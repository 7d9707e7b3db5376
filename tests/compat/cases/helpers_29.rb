# compat: helpers/headers_returns_hash  (source: sinatra test/helpers_test.rb "returns the response headers hash when no hash provided")
#
# request: GET /
# expect-status: 200
# expect-body: kthx
# expect-header: X-Foo: bar
get('/') do
  headers['X-Foo'] = 'bar'
  'kthx'
end
