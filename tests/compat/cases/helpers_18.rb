# compat: helpers/body_string  (source: sinatra test/helpers_test.rb "takes a String, Array, or other object responding to #each")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
#
# request: GET /array
# expect-status: 200
# expect-body: Hello World
get('/') { body 'Hello World' }
get('/array') { body ['Hello', ' ', 'World']; nil }
