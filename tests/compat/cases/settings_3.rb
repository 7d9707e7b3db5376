# compat: settings/block_value  (source: sinatra test/settings_test.rb "sets settings to Procs when given a block")
#
# request: GET /
# expect-status: 200
# expect-body: baz
set(:foo) { 'baz' }
get('/') { settings.foo }
