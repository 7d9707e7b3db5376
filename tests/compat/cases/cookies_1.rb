# compat: cookies/read  (source: sinatra test/request_test.rb "request.cookies parses the Cookie header")
#
# request: GET /
# request-header: Cookie: a=1; b=two
# expect-status: 200
# expect-body: 1 two
get('/') { "#{request.cookies['a']} #{request.cookies['b']}" }
