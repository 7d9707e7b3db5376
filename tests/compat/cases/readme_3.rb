# compat: readme/named_param  (source: sinatra test/readme_test.rb "Routes: named parameters")
#
# request: GET /hello/foo
# expect-status: 200
# expect-body: Hello foo!
#
# request: GET /hello/bar
# expect-status: 200
# expect-body: Hello bar!
get('/hello/:name') do
  "Hello #{params[:name]}!"
end
