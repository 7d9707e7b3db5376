# compat: caching/last_modified_non_200  (source: sinatra test/helpers_test.rb "does not change a status other than 200")
#
# request: GET /
# request-header: If-Modified-Since: Sun, 26 Sep 2030 23:43:52 GMT
# expect-status: 299
# expect-body: ok
get('/') do
  status 299
  last_modified Time.at(0)
  'ok'
end
