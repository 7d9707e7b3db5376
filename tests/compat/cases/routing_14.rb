# compat: routing/encoded_slash  (source: sinatra test/routing_test.rb "it handles encoded slashes correctly")
#
# request: GET /foo%2Fbar
# expect-status: 200
# expect-body: foo/bar
set :protection, :except => :path_traversal
get('/:a') { |a| a }
