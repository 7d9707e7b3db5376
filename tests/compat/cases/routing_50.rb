# compat: routing/halt_immediately  (source: sinatra test/routing_test.rb "returns response immediately on halt")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
get '/' do
  halt 'Hello World'
  'Boo-hoo World'
end
