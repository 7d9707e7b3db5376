# compat: content_type/default_content_type_setting  (source: sinatra test/settings_test.rb "default_content_type can be changed")
#
# request: GET /
# expect-status: 200
# expect-body: {}
# expect-header: Content-Type: application/json
set :default_content_type, 'application/json'
get('/') { '{}' }
