# compat: readme/hello  (source: sinatra test/readme_test.rb "Hello world example")
#
# request: GET /
# expect-status: 200
# expect-body: Hello world!
get('/') { 'Hello world!' }
