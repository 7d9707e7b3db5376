# compat: settings/predicate  (source: sinatra test/settings_test.rb "creates setter and getter methods (foo?)")
#
# request: GET /
# expect-status: 200
# expect-body: true false
set :foo, 'bar'
set :nothing, nil
get('/') { "#{settings.foo?} #{settings.nothing?}" }
