# compat: settings/settings_in_class_body  (source: sinatra test/settings_test.rb "settings is the class at the top level")
#
# request: GET /
# expect-status: 200
# expect-body: true
get('/') { (settings == Sinatra::Application).to_s }
