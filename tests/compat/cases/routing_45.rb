# compat: routing/regexp_route  (source: sinatra test/routing_test.rb "supports regular expressions")
#
# request: GET /foooom/bar
# expect-status: 200
# expect-body: Hello World
get(/\/foo...\/bar/) do
  'Hello World'
end
