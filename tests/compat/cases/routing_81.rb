# compat: routing/condition_nil_does_not_pass  (source: sinatra test/routing_test.rb "does not pass when matching condition returns nil")
#
# request: GET /bar
# expect-status: 200
# expect-body: Hello World
class App < Sinatra::Base
  condition { nil }
  get '/:foo' do
    'Hello World'
  end
end
run App
