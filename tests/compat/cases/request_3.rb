# compat: request/referer  (source: sinatra test/request_test.rb "request.referer and referrer")
#
# request: GET /
# request-header: Referer: http://x.example/a
# expect-status: 200
# expect-body: http://x.example/a http://x.example/a
get('/') { "#{request.referer} #{request.referrer}" }
