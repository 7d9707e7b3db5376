# compat: helpers/status_pred_bad_request_400  (source: sinatra test/helpers_test.rb "bad_request? is true for 400")
#
# request: GET /
# expect-status: 400
# expect-body: true
get('/') do
  status 400
  bad_request?.inspect
end
