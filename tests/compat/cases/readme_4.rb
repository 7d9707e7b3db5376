# compat: readme/named_param_block  (source: sinatra test/readme_test.rb "Routes: named parameters as block parameters")
#
# request: GET /hello/foo
# expect-status: 200
# expect-body: Hello foo!
#
# request: GET /hello/bar
# expect-status: 200
# expect-body: Hello bar!
get('/hello/:name') { |n| "Hello #{n}!" }
