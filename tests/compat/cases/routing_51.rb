# compat: routing/halt_tuple  (source: sinatra test/routing_test.rb "halts with a response tuple")
#
# request: GET /
# expect-status: 295
# expect-body: Hello World
# expect-header: Content-Type: text/plain
get '/' do
  halt 295, {'Content-Type' => 'text/plain'}, 'Hello World'
end
