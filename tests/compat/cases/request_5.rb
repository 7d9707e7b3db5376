# compat: request/secure_forwarded_proto  (source: sinatra test/request_test.rb "request.secure? honours X-Forwarded-Proto")
#
# request: GET /
# request-header: X-Forwarded-Proto: https
# expect-status: 200
# expect-body: true https
get('/') { "#{request.secure?} #{request.scheme}" }
