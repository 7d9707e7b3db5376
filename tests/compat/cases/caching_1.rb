# compat: caching/cache_control  (source: sinatra test/helpers_test.rb "sets the Cache-Control header")
#
# request: GET /foo
# expect-status: 200
# expect-body: Hello World
# expect-header: Cache-Control: public, no-cache, max-age=60
#
# request: GET /bar
# expect-status: 200
# expect-header: Cache-Control: public, no-cache
get('/foo') do
  cache_control :public, :no_cache, :max_age => 60.0
  'Hello World'
end
get('/bar') do
  cache_control :public, :no_cache
  'Hello World'
end
