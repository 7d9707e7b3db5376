# compat: request/accept_params  (source: sinatra test/request_test.rb "exposes the preferred type's parameters")
#
# request: GET /
# request-header: Accept: text/html;level=2
# expect-status: 200
# expect-body: text/html 2
get('/') { e = request.accept.first; "#{e.to_s} #{e.params['level']}" }
