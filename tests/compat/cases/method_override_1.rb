# compat: method_override/put_via_post  (source: sinatra test/sinatra_test.rb "POST with _method=PUT reaches the put route")
#
# request: POST /thing
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=PUT
# expect-status: 200
# expect-body: put!
put('/thing') { 'put!' }
post('/thing') { 'post!' }
