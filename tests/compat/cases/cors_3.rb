# compat: cors/credentials_and_debug  (source: cyu/rack-cors README (credentials, max_age, expose on an API path, Vary with an upstream value) and test/unit/cors_test.rb "with upstream Vary headers", debug mode's X-Rack-CORS header (not on preflights, which answer before it is added), "should not allow credentials for public resources" (CorsMisconfigurationError))
#
# request: POST /api/things
# request-header: Origin: https://app.example.com
# expect-status: 200
# expect-body: created
# expect-header: Access-Control-Allow-Origin: https://app.example.com
# expect-header: Access-Control-Allow-Credentials: true
# expect-header: Access-Control-Allow-Methods: GET, POST
# expect-header: Access-Control-Expose-Headers: X-Total
# expect-header: Access-Control-Max-Age: 600
# expect-header: Vary: Accept, Origin
# expect-header: X-Rack-CORS: hit
#
# request: OPTIONS /api/things
# request-header: Origin: https://app.example.com
# request-header: Access-Control-Request-Method: DELETE
# expect-status: 200
# expect-no-header: X-Rack-CORS
# expect-no-header: Access-Control-Allow-Origin
#
# request: GET /api/things
# request-header: Origin: https://evil.example.org
# expect-header: X-Rack-CORS: miss; no-origin
#
# request: GET /misconfigured
# expect-body: Allowing credentials for wildcard origins is insecure. Please specify more restrictive origins or set 'credentials' to false in your CORS configuration.
require 'rack/cors'

class QuietLogger
  def debug(*) = nil
end

use Rack::Cors, debug: true, logger: proc { QuietLogger.new } do
  allow do
    origins 'https://app.example.com'
    resource '/api/*', headers: :any, methods: %i[get post], credentials: true, max_age: 600, expose: ['X-Total']
  end
end

post('/api/things') { headers 'Vary' => 'Accept'; 'created' }
get('/api/things') { 'list' }
get '/misconfigured' do
  Rack::Cors.new(nil) { allow { origins '*'; resource '/x', credentials: true } }
  'no error'
rescue Rack::Cors::Resource::CorsMisconfigurationError => e
  e.message
end
