# compat: settings/instance_access  (source: sinatra test/settings_test.rb "is accessible from instances via #settings")
#
# request: GET /
# expect-status: 200
# expect-body: bar bar
set :foo, 'bar'
get('/') { "#{settings.foo} #{self.class.foo}" }
