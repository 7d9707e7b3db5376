# compat: errors/overrides_base_mappings  (source: sinatra test/mapped_error_test.rb "overrides error mappings in base class")
#
# request: GET /
# expect-status: 500
# expect-body: subclass
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
class BaseApp < Sinatra::Base
  error(FooError) { 'base class' }
end
class App < BaseApp
  error(FooError) { 'subclass' }
  get('/') { raise FooError }
end
run App
