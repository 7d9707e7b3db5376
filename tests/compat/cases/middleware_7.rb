# compat: middleware/sinatra_app_as_middleware  (source: sinatra README "Rack Middleware" / test/routing_test.rb "passes to the next app when used as middleware")
#
# request: GET /login
# expect-status: 200
# expect-body: login form
#
# request: GET /
# expect-status: 200
# expect-body: main app
#
# request: GET /missing
# expect-status: 404
class LoginScreen < Sinatra::Base
  get('/login') { 'login form' }
end

use LoginScreen
get('/') { 'main app' }
