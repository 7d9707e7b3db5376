# compat: redirect/put_delete_303  (source: sinatra test/helpers_test.rb "uses 303 for non-GET requests if request is HTTP 1.1")
#
# request: PUT /
# expect-status: 303
# expect-header: Location: http://example.org/
#
# request: DELETE /
# expect-status: 303
# expect-header: Location: http://example.org/x
put('/') { redirect '/' }
delete('/') { redirect '/x' }
