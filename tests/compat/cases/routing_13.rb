# compat: routing/unicode  (source: sinatra test/routing_test.rb "allows using unicode")
#
# request: GET /f%C3%B6%C3%B6
# expect-status: 200
# expect-body: unicode
get('/föö') { 'unicode' }
