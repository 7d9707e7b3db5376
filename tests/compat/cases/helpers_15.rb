# compat: helpers/status_pred_server_error_450  (source: sinatra test/helpers_test.rb "server_error? is false for 450")
#
# request: GET /
# expect-status: 450
# expect-body: false
get('/') do
  status 450
  server_error?.inspect
end
