# compat: cookies/set_simple  (source: sinatra test/response_test.rb "response.set_cookie with a value")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: Set-Cookie: foo=bar
get('/') { response.set_cookie('foo', 'bar'); 'ok' }
