# compat: helpers/status_pred_client_error_550  (source: sinatra test/helpers_test.rb "client_error? is false for 550")
#
# request: GET /
# expect-status: 550
# expect-body: false
get('/') do
  status 550
  client_error?.inspect
end
