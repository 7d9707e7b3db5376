# compat: request/accept_entries  (source: sinatra test/request_test.rb "request.accept is ordered by quality")
#
# request: GET /
# request-header: Accept: text/plain;q=0.5, text/html, application/json;q=0.8
# expect-status: 200
# expect-body: text/html,application/json,text/plain
get('/') { request.accept.map(&:to_s).join(',') }
