# compat: helpers/status_pred_not_found_403  (source: sinatra test/helpers_test.rb "not_found? is false for 403")
#
# request: GET /
# expect-status: 403
# expect-body: false
get('/') do
  status 403
  not_found?.inspect
end
