# compat: routing/condition_false_passes  (source: sinatra test/routing_test.rb "passes when matching condition returns false")
#
# request: GET /bar
# expect-status: 200
# expect-body: Hello World
#
# request: GET /foo
# expect-status: 404
class App < Sinatra::Base
  condition { params[:foo] == 'bar' }
  get '/:foo' do
    'Hello World'
  end
end
run App
