# compat: results/array_of_strings  (source: sinatra test/result_test.rb "sets response.body when result is an Array of Strings")
#
# request: GET /
# expect-status: 200
# expect-body: HelloWorld
get('/') { ['Hello', 'World'] }
