# compat: modular/sinatra_new_base  (source: sinatra test/sinatra_test.rb "Sinatra.new accepts a base class")
#
# request: GET /
# expect-status: 200
# expect-body: from new
#
# request: GET /base
# expect-status: 200
# expect-body: from base
class BaseApp < Sinatra::Base
  get('/base') { 'from base' }
end
App = Sinatra.new(BaseApp) { get('/') { 'from new' } }
run App
