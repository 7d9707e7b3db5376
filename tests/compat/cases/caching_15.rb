# compat: caching/unmodified_since_412  (source: sinatra test/helpers_test.rb "results in 412 if resource has been modified")
#
# request: GET /
# request-header: If-Unmodified-Since: Thu, 01 Jan 1970 00:00:00 GMT
# expect-status: 412
# expect-body:
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
