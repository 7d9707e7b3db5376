# compat: errors/halt_in_error_handler  (source: sinatra test/mapped_error_test.rb "error handlers may halt with a full response")
#
# request: GET /
# expect-status: 422
# expect-body: unprocessable
# expect-header: X-Reason: bad arg
error(ArgumentError) { halt 422, {'X-Reason' => 'bad arg'}, 'unprocessable' }
get('/') { raise ArgumentError }
