# compat: results/rack_triple  (source: sinatra test/result_test.rb "sets status, headers, and body when result is a Rack response tuple")
#
# request: GET /
# expect-status: 203
# expect-body: Hello World
# expect-header: Content-Type: foo/bar
get('/') { [203, {'Content-Type' => 'foo/bar'}, 'Hello World'] }
