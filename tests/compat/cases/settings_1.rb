# compat: settings/set_get  (source: sinatra test/settings_test.rb "sets settings to literal values")
#
# request: GET /
# expect-status: 200
# expect-body: bar
set :foo, 'bar'
get('/') { settings.foo }
