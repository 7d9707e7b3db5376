# compat: settings/enable_disable  (source: sinatra test/settings_test.rb "enable / disable set booleans")
#
# request: GET /
# expect-status: 200
# expect-body: true true false false
enable :a, :b
disable :c
get('/') { [settings.a, settings.b?, settings.c, settings.c?].join(' ') }
