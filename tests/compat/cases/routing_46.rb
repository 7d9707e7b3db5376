# compat: routing/regexp_captures_unescaped  (source: sinatra test/routing_test.rb "unescapes regular expression captures")
#
# request: GET /foo/bar%e2%80%8cbaz
# expect-status: 200
# expect-body: bar‌baz
get(/\/foo\/(.+)/) do |path|
  path
end
