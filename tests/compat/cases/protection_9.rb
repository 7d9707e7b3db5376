# compat: protection/path_traversal  (source: sinatra test/settings_test.rb "PathTraversal cleans ../ out of the path")
#
# request: GET /a/%2e%2e/b
# expect-status: 200
# expect-body: b
get('/b') { 'b' }
get('/a/*') { 'a' }
