# compat: settings/defaults_misc  (source: sinatra test/settings_test.rb "default settings of Sinatra::Application")
#
# request: GET /
# expect-status: 200
# expect-body: false true true utf-8 true true false
get('/') { [settings.sessions?, settings.method_override?, settings.x_cascade?, settings.default_encoding, settings.absolute_redirects?, settings.strict_paths?, settings.use_code?].join(' ') }
