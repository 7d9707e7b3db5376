# compat: method_override/delete_via_post  (source: sinatra test/sinatra_test.rb "POST with _method=delete reaches the delete route")
#
# request: POST /thing
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=delete
# expect-status: 200
# expect-body: deleted
delete('/thing') { 'deleted' }
