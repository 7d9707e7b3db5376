# compat: settings/override  (source: sinatra test/settings_test.rb "overrides a setting with a later set")
#
# request: GET /
# expect-status: 200
# expect-body: 2
set :foo, 1
set :foo, 2
get('/') { settings.foo.to_s }
