# compat: helpers/status_pred_client_error_450  (source: sinatra test/helpers_test.rb "client_error? is true for 450")
#
# request: GET /
# expect-status: 450
# expect-body: true
get('/') do
  status 450
  client_error?.inspect
end
