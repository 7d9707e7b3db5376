# compat: request/request_method_predicates  (source: sinatra test/request_test.rb "request.post? / delete? / patch?")
#
# request: POST /
# expect-status: 200
# expect-body: true
#
# request: DELETE /
# expect-status: 200
# expect-body: true
#
# request: PATCH /
# expect-status: 200
# expect-body: true
post('/') { request.post?.to_s }
delete('/') { request.delete?.to_s }
patch('/') { request.patch?.to_s }
