# compat: caching/expires_headers  (source: sinatra test/helpers_test.rb "sets the Cache-Control header (expires)")
#
# request: GET /foo
# expect-status: 200
# expect-body: Hello World
# expect-header: Cache-Control: public, no-cache, max-age=60
# expect-header-present: Expires
get('/foo') do
  expires 60, :public, :no_cache
  'Hello World'
end
