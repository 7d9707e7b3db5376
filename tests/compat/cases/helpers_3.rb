# compat: helpers/status_pred_not_found_405  (source: sinatra test/helpers_test.rb "not_found? is false for 405")
#
# request: GET /
# expect-status: 405
# expect-body: false
get('/') do
  status 405
  not_found?.inspect
end
