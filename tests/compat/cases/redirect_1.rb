# compat: redirect/path_302  (source: sinatra test/helpers_test.rb "uses a 302 when only a path is given")
#
# request: GET /
# expect-status: 302
# expect-body:
# expect-header: Location: http://example.org/foo
get('/') do
  redirect '/foo'
  fail 'redirect should halt'
end
