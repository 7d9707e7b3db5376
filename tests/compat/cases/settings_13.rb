# compat: settings/defaults_production  (source: sinatra test/settings_test.rb "production defaults: raise_errors, show_exceptions, dump_errors")
#
# request: GET /
# expect-status: 200
# expect-body: false false true
get('/') { [settings.raise_errors?, settings.show_exceptions?, settings.dump_errors?].join(' ') }
