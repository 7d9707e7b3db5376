# compat: errors/inherits_base_mappings  (source: sinatra test/mapped_error_test.rb "inherits error mappings from base class")
#
# request: GET /
# expect-status: 500
# expect-body: base class
class FooError < RuntimeError; end
class FooNotFound < Sinatra::NotFound; end
class BaseApp < Sinatra::Base
  error(FooError) { 'base class' }
end
class App < BaseApp
  get('/') { raise FooError }
end
run App
