# compat: cors/preflight  (source: cyu/rack-cors test/unit/cors_test.rb "preflight requests" with test/unit/test.ru: invalid origin, method or header not allowed, headers: :any, methods: :any, case-insensitive and multiple headers, '*' origins, '$' in paths, /path/* matching /path and /path/, file:// and custom protocols)
#
# request: OPTIONS /
# request-header: Origin: http://allyourdataarebelongtous.com
# request-header: Access-Control-Request-Method: GET
# expect-status: 200
# expect-body:
# expect-no-header: Access-Control-Allow-Origin
#
# request: OPTIONS /get-only
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: POST
# expect-status: 200
# expect-no-header: Access-Control-Allow-Origin
#
# request: OPTIONS /single_header
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# request-header: Access-Control-Request-Headers: Fooey
# expect-no-header: Access-Control-Allow-Origin
#
# request: OPTIONS /
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# request-header: Access-Control-Request-Headers: Fooey
# expect-status: 200
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Headers: Fooey
# expect-header: Access-Control-Allow-Methods: GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS
# expect-header: Access-Control-Max-Age: 7200
#
# request: OPTIONS /
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: PATCH
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
#
# request: OPTIONS /single_header
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# request-header: Access-Control-Request-Headers: X-Domain-Token
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
#
# request: OPTIONS /two_headers
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# request-header: Access-Control-Request-Headers: X-Requested-With, X-Domain-Token
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
#
# request: OPTIONS /two_headers
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# request-header: Access-Control-Request-Headers: x-requested-with,x-domain-token
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
#
# request: OPTIONS /public
# request-header: Origin: http://locohost:3000
# request-header: Access-Control-Request-Method: GET
# expect-header: Access-Control-Allow-Origin: *
#
# request: OPTIONS /$batch
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: POST
# expect-header: Access-Control-Allow-Origin: http://localhost:3000
# expect-header: Access-Control-Allow-Methods: POST
#
# request: OPTIONS /wildcard/
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# expect-header-present: Access-Control-Allow-Origin
#
# request: OPTIONS /wildcard
# request-header: Origin: http://localhost:3000
# request-header: Access-Control-Request-Method: GET
# expect-header-present: Access-Control-Allow-Origin
#
# request: OPTIONS /public_without_credentials
# request-header: Origin: http://locohost:3000
# request-header: Access-Control-Request-Method: GET
# expect-header: Access-Control-Allow-Origin: *
#
# request: OPTIONS /
# request-header: Origin: file://
# request-header: Access-Control-Request-Method: GET
# expect-header: Access-Control-Allow-Origin: file://
#
# request: OPTIONS /
# request-header: Origin: custom-protocol://abcdefg
# request-header: Access-Control-Request-Method: GET
# expect-header: Access-Control-Allow-Origin: custom-protocol://abcdefg
#
# request: OPTIONS /get-only
# expect-status: 404
# expect-no-header: Access-Control-Allow-Origin
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
