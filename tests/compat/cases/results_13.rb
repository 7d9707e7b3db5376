# compat: results/status_then_string  (source: sinatra test/result_test.rb "status helper then a String result")
#
# request: GET /
# expect-status: 418
# expect-body: I'm a teapot
get('/') { status 418; "I'm a teapot" }
