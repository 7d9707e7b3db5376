# compat: helpers/helpers_block_and_module  (source: sinatra test/helpers_test.rb "takes a block and a module")
#
# request: GET /
# expect-status: 200
# expect-body: 12
module HelperOne; def one; '1'; end; end
helpers HelperOne do
  def two
    '2'
  end
end
get('/') { one + two }
