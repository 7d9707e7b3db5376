# compat: caching/unmodified_since_200  (source: sinatra test/helpers_test.rb "results in 200 if resource has not been modified")
#
# request: GET /
# request-header: If-Unmodified-Since: Sun, 26 Sep 2030 23:43:52 GMT
# expect-status: 200
# expect-body: Boo!
get('/') do
  last_modified Time.at(1287435431)
  'Boo!'
end
