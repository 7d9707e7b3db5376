# compat: settings/configure_env  (source: sinatra test/settings_test.rb "configure runs only for the current environment")
#
# request: GET /
# expect-status: 200
# expect-body: all prod false both
configure { set :all, 'all' }
configure(:production) { set :prod, 'prod' }
configure(:development) { set :dev, 'dev' }
configure(:development, :production) { set :both, 'both' }
get('/') { [settings.all, settings.prod, settings.respond_to?(:dev), settings.both].join(' ') }
