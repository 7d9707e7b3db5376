# compat: settings/environment  (source: sinatra test/settings_test.rb "the environment comes from APP_ENV/RACK_ENV (production here)")
#
# request: GET /
# expect-status: 200
# expect-body: :production true false false
get('/') { [settings.environment.inspect, settings.production?, settings.development?, settings.test?].join(' ') }
