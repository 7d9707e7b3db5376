# compat: filters/after_return_ignored  (source: sinatra test/filter_test.rb "does not modify the response with its return value (after)")
#
# request: GET /foo
# expect-status: 200
# expect-body: cool
get('/foo') { 'cool' }
after { 'Hello World!' }
