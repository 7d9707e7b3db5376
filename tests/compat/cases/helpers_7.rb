# compat: helpers/status_pred_success_300  (source: sinatra test/helpers_test.rb "success? is false for 300")
#
# request: GET /
# expect-status: 300
# expect-body: false
get('/') do
  status 300
  success?.inspect
end
