# compat: routing/no_concat_same_name  (source: sinatra test/routing_test.rb "does not concatenate params with the same name")
#
# request: GET /a?foo=b
# expect-status: 200
# expect-body: a
get('/:foo') { params[:foo] }
