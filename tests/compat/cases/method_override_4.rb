# compat: method_override/only_post  (source: sinatra test/sinatra_test.rb "GET with _method is not overridden")
#
# request: GET /thing?_method=delete
# expect-status: 200
# expect-body: got
delete('/thing') { 'deleted' }
get('/thing') { 'got' }
