# compat: caching/etag_invalid_kind  (source: sinatra test/helpers_test.rb "raises an ArgumentError for an invalid strength")
#
# request: GET /
# expect-status: 500
get('/') do
  etag 'FOO', :w00t
  'x'
end
