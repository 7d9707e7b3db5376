# compat: request/xhr  (source: sinatra test/request_test.rb "request.xhr? with X-Requested-With")
#
# request: GET /
# request-header: X-Requested-With: XMLHttpRequest
# expect-status: 200
# expect-body: true
#
# request: GET /
# expect-status: 200
# expect-body: false
get('/') { request.xhr?.to_s }
