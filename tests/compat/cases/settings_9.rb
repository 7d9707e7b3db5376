# compat: settings/setter_method  (source: sinatra test/settings_test.rb "creates a setter method (foo=)")
#
# request: GET /
# expect-status: 200
# expect-body: 5
set :foo, 1
settings.foo = 5
get('/') { settings.foo.to_s }
