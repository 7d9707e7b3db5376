# compat: modular/class_settings  (source: sinatra test/base_test.rb "settings in a modular app")
#
# request: GET /
# expect-status: 200
# expect-body: hey
class App < Sinatra::Base
  set :greeting, 'hey'
  get('/') { settings.greeting }
end
run App
