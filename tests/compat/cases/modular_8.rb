# compat: modular/error_production_500  (source: sinatra test/base_test.rb "modular apps answer 500 in production")
#
# request: GET /
# expect-status: 500
# expect-body: <h1>Internal Server Error</h1>
class App < Sinatra::Base
  get('/') { raise 'boom' }
end
run App
