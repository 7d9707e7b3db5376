# compat: helpers/error_body_only_500  (source: sinatra test/helpers_test.rb "uses a 500 status code when first argument is a body")
#
# request: GET /
# expect-status: 500
# expect-body: FAIL
get('/') do
  error 'FAIL'
  fail 'error should halt'
end
