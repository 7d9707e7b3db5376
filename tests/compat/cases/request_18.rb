# compat: request/idempotent_safe  (source: sinatra test/request_test.rb "request.safe? and idempotent?")
#
# request: GET /
# expect-status: 200
# expect-body: true true
#
# request: PUT /
# expect-status: 200
# expect-body: false true
get('/') { "#{request.safe?} #{request.idempotent?}" }
put('/') { "#{request.safe?} #{request.idempotent?}" }
