# compat: settings/modular_method_override_default  (source: sinatra test/settings_test.rb "Sinatra::Base disables method_override by default")
#
# request: GET /
# expect-status: 200
# expect-body: false
class App < Sinatra::Base
  get('/') { settings.method_override?.to_s }
end
run App
