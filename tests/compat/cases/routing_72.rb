# compat: routing/superclass_routes  (source: sinatra test/routing_test.rb "matches routes defined in superclasses")
#
# request: GET /foo
# expect-status: 200
# expect-body: foo in baseclass
#
# request: GET /bar
# expect-status: 200
# expect-body: bar in subclass
class BaseApp < Sinatra::Base
  get('/foo') { 'foo in baseclass' }
end
class App < BaseApp
  get('/bar') { 'bar in subclass' }
end
run App
