# compat: errors/unhandled_production_500  (source: sinatra test/settings_test.rb "an unhandled exception is a plain 500 page in production")
#
# request: GET /
# expect-status: 500
# expect-body: <h1>Internal Server Error</h1>
# expect-header: Content-Type: text/html;charset=utf-8
get('/') { raise ArgumentError, 'secret detail' }
