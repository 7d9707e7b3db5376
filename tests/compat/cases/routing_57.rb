# compat: routing/pass_block  (source: sinatra test/routing_test.rb "uses optional block passed to pass as route block if no other route is found")
#
# request: GET /
# expect-status: 200
# expect-body: this
get '/' do
  pass do
    'this'
  end
  'not this'
end
