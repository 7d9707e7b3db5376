# compat: cookies/escaped_value  (source: sinatra test/response_test.rb "cookie values are URL-escaped")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: Set-Cookie: foo=a+b%26c
get('/') { response.set_cookie('foo', 'a b&c'); 'ok' }
