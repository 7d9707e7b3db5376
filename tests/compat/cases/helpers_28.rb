# compat: helpers/headers_hash  (source: sinatra test/helpers_test.rb "sets headers on the response object when given a Hash")
#
# request: GET /
# expect-status: 200
# expect-body: kthx
# expect-header: X-Foo: bar
# expect-header: X-Baz: bling
get('/') do
  headers 'X-Foo' => 'bar', 'X-Baz' => 'bling'
  'kthx'
end
