# compat: helpers/helpers_block  (source: sinatra test/helpers_test.rb "takes a block to mix into the app")
#
# request: GET /
# expect-status: 200
# expect-body: foo
helpers do
  def foo
    'foo'
  end
end
get('/') { foo }
