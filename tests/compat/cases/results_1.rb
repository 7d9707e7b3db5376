# compat: results/string  (source: sinatra test/result_test.rb "sets response.body when result is a String")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
get('/') { 'Hello World' }
