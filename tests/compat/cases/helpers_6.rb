# compat: helpers/status_pred_success_250  (source: sinatra test/helpers_test.rb "success? is true for 250")
#
# request: GET /
# expect-status: 250
# expect-body: true
get('/') do
  status 250
  success?.inspect
end
