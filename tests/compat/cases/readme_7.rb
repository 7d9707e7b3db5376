# compat: readme/regexp_captures  (source: sinatra test/readme_test.rb "Routes: regular expression captures")
#
# request: GET /hello/foo
# expect-status: 200
# expect-body: Hello, foo!
#
# request: GET /hello/bar
# expect-status: 200
# expect-body: Hello, bar!
get(%r{/hello/([\w]+)}) {
  "Hello, #{params[:captures].first}!"
}
