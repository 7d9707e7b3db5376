# compat: method_override/modular_off  (source: sinatra test/settings_test.rb "Sinatra::Base does not override methods by default")
#
# request: POST /thing
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=PUT
# expect-status: 200
# expect-body: post!
class App < Sinatra::Base
  put('/thing') { 'put!' }
  post('/thing') { 'post!' }
end
run App
