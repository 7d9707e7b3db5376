# compat: helpers/status_pred_client_error_350  (source: sinatra test/helpers_test.rb "client_error? is false for 350")
#
# request: GET /
# expect-status: 350
# expect-body: false
get('/') do
  status 350
  client_error?.inspect
end
