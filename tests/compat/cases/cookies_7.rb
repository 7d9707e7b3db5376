# compat: cookies/round_trip  (source: sinatra test/request_test.rb "a cookie set by one request is read by the next")
#
# request: GET /set
# expect-status: 200
# expect-body: set
#
# request: GET /get
# expect-status: 200
# expect-body: frank
get('/set') { response.set_cookie('who', 'frank'); 'set' }
get('/get') { request.cookies['who'].to_s }
