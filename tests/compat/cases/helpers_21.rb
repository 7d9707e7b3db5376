# compat: helpers/error_with_body  (source: sinatra test/helpers_test.rb "takes an optional body")
#
# request: GET /
# expect-status: 501
# expect-body: FAIL
get('/') do
  error 501, 'FAIL'
  fail 'error should halt'
end
