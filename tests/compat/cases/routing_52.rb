# compat: routing/halt_array_of_strings  (source: sinatra test/routing_test.rb "halts with an array of strings")
#
# request: GET /
# expect-status: 200
# expect-body: HelloWorldHowAreYou
get '/' do
  halt %w[Hello World How Are You]
end
