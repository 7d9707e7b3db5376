# compat: cookies/delete  (source: sinatra test/response_test.rb "response.delete_cookie expires the cookie")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header-contains: Set-Cookie: foo=; max-age=0; expires=Thu, 01 Jan 1970 00:00:00 GMT
get('/') { response.delete_cookie('foo'); 'ok' }
