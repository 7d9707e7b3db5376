# compat: helpers/status_pred_not_found_404  (source: sinatra test/helpers_test.rb "not_found? is true for 404")
#
# request: GET /
# expect-status: 404
# expect-body: true
get('/') do
  status 404
  not_found?.inspect
end
