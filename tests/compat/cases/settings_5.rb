# compat: settings/hash_form  (source: sinatra test/settings_test.rb "sets multiple settings with a Hash")
#
# request: GET /
# expect-status: 200
# expect-body: 1 2
set :foo => 1, :bar => 2
get('/') { "#{settings.foo} #{settings.bar}" }
