# compat: settings/hash_values_merge  (source: sinatra test/settings_test.rb "merges values of multiple set calls if those are hashes")
#
# request: GET /
# expect-status: 200
# expect-body: 1 2
set :foo, :a => 1
set :foo, :b => 2
get('/') { "#{settings.foo[:a]} #{settings.foo[:b]}" }
