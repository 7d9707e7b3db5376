# compat: cookies/set_options  (source: sinatra test/response_test.rb "response.set_cookie with options")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: Set-Cookie: foo=bar; path=/; HttpOnly
get('/') { response.set_cookie('foo', :value => 'bar', :path => '/', :httponly => true); 'ok' }
