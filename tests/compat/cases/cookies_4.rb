# compat: cookies/set_two  (source: sinatra test/response_test.rb "two cookies are two Set-Cookie headers")
#
# request: GET /
# expect-status: 200
# expect-body: ok
# expect-header: Set-Cookie: a=1
b=2
get('/') do
  response.set_cookie('a', '1')
  response.set_cookie('b', '2')
  'ok'
end
