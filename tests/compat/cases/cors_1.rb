# compat: cors/simple_requests  (source: cyu/rack-cors test/unit/cors_test.rb with test/unit/test.ru: "should support simple CORS request", "should not return CORS headers if Origin header isn't present", "should support alternative X-Origin header", expose headers, Vary, "decode URL and resolve paths before resource matching", multi allow configurations, conditional and proc origins)
#
# request: GET /
# request-header: Origin: http://localhost:3000
# expect-status: 200
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS
# expect-header: Access-Control-Expose-Headers:
# expect-header: Access-Control-Max-Age: 7200
# expect-header: Vary: Origin
# expect-no-header: Access-Control-Allow-Credentials
#
# request: GET /
# expect-status: 200
# expect-no-header: Access-Control-Allow-Origin
# expect-header: Vary: Origin
#
# request: GET /
# request-header: X-Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
#
# request: GET /
# request-header: Origin: http://192.168.0.1:1234
# expect-header: Access-Control-Allow-Origin: http://192.168.0.1:1234
#
# request: GET /
# request-header: Origin: http://subdomain.example.com
# expect-header: Access-Control-Allow-Origin: http://subdomain.example.com
#
# request: GET /
# request-header: Origin: http://10.10.10.10:3000
# expect-no-header: Access-Control-Allow-Origin
#
# request: GET /expose_single_header
# request-header: Origin: http://localhost:3000
# expect-header: Access-Control-Expose-Headers: expose-test
#
# request: GET /expose_multiple_headers
# request-header: Origin: http://localhost:3000
# expect-header: Access-Control-Expose-Headers: expose-test-1, expose-test-2
#
# request: GET /vary_test
# request-header: Origin: http://localhost:3000
# expect-header: Vary: Origin, Host
#
# request: GET /public/a/..%2F..%2Fprivate/stuff
# request-header: Origin: http://localhost:3000
# expect-no-header: Access-Control-Allow-Origin
#
# request: GET /public_without_credentials
# request-header: Origin: http://192.168.1.3:8080
# expect-header: Access-Control-Allow-Origin: *
# expect-header: Vary: Origin
#
# request: GET /multi-allow-config
# request-header: Origin: http://mucho-grande.com
# expect-header: Access-Control-Allow-Origin: http://mucho-grande.com
# expect-header: Access-Control-Max-Age: 600
# expect-header: Vary: Origin
#
# request: GET /multi-allow-config
# request-header: Origin: http://192.168.1.3:8080
# expect-header: Access-Control-Allow-Origin: *
# expect-header: Access-Control-Max-Age: 300
#
# request: GET /conditional
# request-header: Origin: http://192.168.0.1:1234
# expect-no-header: Access-Control-Allow-Origin
#
# request: GET /conditional
# request-header: Origin: http://192.168.0.1:1234
# request-header: X-OK: 1
# expect-header: Access-Control-Allow-Origin: http://192.168.0.1:1234
#
# request: GET /proc-origin
# request-header: Origin: http://10.10.10.10:3000
# expect-header: Access-Control-Allow-Origin: http://10.10.10.10:3000
#
# request: GET /lambda-origin
# request-header: Origin: http://10.10.10.10:3000
# expect-header: Access-Control-Allow-Origin: http://10.10.10.10:3000
#
# request: GET /proc-origin
# request-header: Origin: http://bad.guy
# expect-no-header: Access-Control-Allow-Origin
#
# request: GET /blank-origin
# request-header: Origin: http://example.net
# expect-no-header: Access-Control-Allow-Origin
#
# request: GET /public
# request-header: Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Origin: *
# expect-no-header: Access-Control-Allow-Credentials
#
# request: OPTIONS /options
# request-header: Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Methods: OPTIONS
require 'rack/cors'

# test/unit/test.ru, as rack-cors' tests configure it.
use Rack::Cors do
  allow do
    origins 'localhost:3000',
            '127.0.0.1:3000',
            %r{http://192\.168\.0\.\d{1,3}(:\d+)?},
            'file://',
            %r{http://(.*?)\.example\.com},
            'custom-protocol://abcdefg'

    resource '/get-only', methods: :get
    resource '/', headers: :any, methods: :any
    resource '/options', methods: :options
    resource '/single_header', headers: 'x-domain-token'
    resource '/two_headers', headers: %w[x-domain-token x-requested-with]
    resource '/expose_single_header', expose: 'expose-test'
    resource '/expose_multiple_headers', expose: %w[expose-test-1 expose-test-2]
    resource '/conditional', methods: :get, if: proc { |env| !!env['HTTP_X_OK'] }
    resource '/vary_test', methods: :get, vary: %w[Origin Host]
    resource '/patch_test', methods: :patch
    resource '/$batch', methods: :post
    resource '/wildcard/*', methods: :any
  end

  allow do
    origins do |source, _env|
      source.end_with?('10.10.10.10:3000')
    end
    resource '/proc-origin'
  end

  allow do
    origins ->(source, _env) { source.end_with?('10.10.10.10:3000') }
    resource '/lambda-origin'
  end

  allow do
    origins '*'
    resource '/public'
    resource '/public/*'
    resource '/public_without_credentials', credentials: false
  end

  allow do
    origins 'mucho-grande.com'
    resource '/multi-allow-config', max_age: 600
  end

  allow do
    origins '*'
    resource '/multi-allow-config', max_age: 300, credentials: false
  end

  allow do
    origins ''
    resource '/blank-origin'
  end
end

get('/*') { 'success' }
options('/*') { 'success' }
