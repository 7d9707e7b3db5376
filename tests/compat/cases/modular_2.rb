# compat: modular/sinatra_new  (source: sinatra test/sinatra_test.rb "creates a new Sinatra::Base subclass on new")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
App = Sinatra.new do
  get('/') { 'Hello World' }
end
run App
