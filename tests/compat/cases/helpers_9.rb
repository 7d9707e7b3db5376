# compat: helpers/status_pred_redirect_250  (source: sinatra test/helpers_test.rb "redirect? is false for 250")
#
# request: GET /
# expect-status: 250
# expect-body: false
get('/') do
  status 250
  redirect?.inspect
end
