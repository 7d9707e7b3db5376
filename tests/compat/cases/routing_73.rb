# compat: routing/subclass_routes_first  (source: sinatra test/routing_test.rb "matches routes in subclasses before superclasses")
#
# request: GET /foo
# expect-status: 200
# expect-body: foo in subclass
#
# request: GET /bar
# expect-status: 200
# expect-body: bar in baseclass
class BaseApp < Sinatra::Base
  get('/foo') { 'foo in baseclass' }
  get('/bar') { 'bar in baseclass' }
end
class App < BaseApp
  get('/foo') { 'foo in subclass' }
end
run App
