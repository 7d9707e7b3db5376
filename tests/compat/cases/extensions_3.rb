# compat: extensions/register_block  (source: sinatra test/extensions_test.rb "register with a block creates an extension")
#
# request: GET /bar
# expect-status: 200
# expect-body: bar
register do
  def bar_route
    get('/bar') { 'bar' }
  end
end
Sinatra::Application.bar_route
