# compat: helpers/status_pred_server_error_550  (source: sinatra test/helpers_test.rb "server_error? is true for 550")
#
# request: GET /
# expect-status: 550
# expect-body: true
get('/') do
  status 550
  server_error?.inspect
end
