# compat: request/preferred_type  (source: sinatra test/request_test.rb "request.preferred_type picks by quality")
#
# request: GET /
# request-header: Accept: text/html;q=0.9, application/json;q=0.8
# expect-status: 200
# expect-body: text/html
get('/') { request.preferred_type('application/json', 'text/html').to_s }
