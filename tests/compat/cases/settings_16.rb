# compat: settings/inherited_settings  (source: sinatra test/settings_test.rb "inherits settings from the superclass and can override them")
#
# request: GET /
# expect-status: 200
# expect-body: base sub
class BaseApp < Sinatra::Base
  set :foo, 'base'
  set :bar, 'base'
end
class App < BaseApp
  set :bar, 'sub'
  get('/') { "#{settings.foo} #{settings.bar}" }
end
run App
