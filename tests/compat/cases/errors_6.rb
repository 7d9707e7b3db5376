# compat: errors/sinatra_error_env  (source: sinatra test/mapped_error_test.rb "sets env['sinatra.error'] to the rescued exception")
#
# request: GET /
# expect-status: 500
# expect-body: looks good
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
error(FooError) do
  env['sinatra.error'].kind_of?(FooError) ? 'looks good' : 'wrong'
end
get('/') { raise FooError }
