# compat: readme/regexp_block  (source: sinatra test/readme_test.rb "Routes: regular expression captures as block parameters")
#
# request: GET /hello/foo
# expect-status: 200
# expect-body: Hello, foo!
get(%r{/hello/([\w]+)}) { |c|
  "Hello, #{c}!"
}
