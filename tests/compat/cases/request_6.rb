# compat: request/forwarded_host  (source: sinatra test/request_test.rb "request.forwarded? and host with X-Forwarded-Host")
#
# request: GET /
# request-header: X-Forwarded-Host: proxy.example
# expect-status: 200
# expect-body: true proxy.example
get('/') { "#{request.forwarded?} #{request.host}" }
