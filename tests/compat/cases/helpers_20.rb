# compat: helpers/error_status_halts  (source: sinatra test/helpers_test.rb "sets a status code and halts")
#
# request: GET /
# expect-status: 501
# expect-body:
get('/') do
  error 501
  fail 'error should halt'
end
