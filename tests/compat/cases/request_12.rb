# compat: request/accept_predicate  (source: sinatra test/request_test.rb "request.accept? matches wildcards")
#
# request: GET /
# request-header: Accept: image/*
# expect-status: 200
# expect-body: true false
get('/') { [request.accept?('image/png'), request.accept?('text/plain')].join(' ') }
