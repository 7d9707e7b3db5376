# compat: routing/condition_calls_pass  (source: sinatra test/routing_test.rb "passes to next route when condition calls pass explicitly")
#
# request: GET /bar
# expect-status: 200
# expect-body: Hello World
#
# request: GET /foo
# expect-status: 404
class App < Sinatra::Base
  condition { pass unless params[:foo] == 'bar' }
  get '/:foo' do
    'Hello World'
  end
end
run App
