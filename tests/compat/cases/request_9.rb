# compat: request/accept_default  (source: sinatra test/request_test.rb "request.accept defaults to */*")
#
# request: GET /
# expect-status: 200
# expect-body: */*
get('/') { request.accept.map(&:to_s).join(',') }
