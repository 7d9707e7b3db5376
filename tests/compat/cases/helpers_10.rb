# compat: helpers/status_pred_redirect_450  (source: sinatra test/helpers_test.rb "redirect? is false for 450")
#
# request: GET /
# expect-status: 450
# expect-body: false
get('/') do
  status 450
  redirect?.inspect
end
