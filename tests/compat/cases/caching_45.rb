# compat: caching/etag_weak  (source: sinatra test/helpers_test.rb "uses a weak etag with the :weak option")
#
# request: GET /
# expect-status: 200
# expect-body: that's weak, dude.
# expect-header: ETag: W/"FOO"
get('/') do
  etag 'FOO', :weak
  "that's weak, dude."
end
