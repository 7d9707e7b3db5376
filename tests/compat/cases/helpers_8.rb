# compat: helpers/status_pred_redirect_301  (source: sinatra test/helpers_test.rb "redirect? is true for 301")
#
# request: GET /
# expect-status: 301
# expect-body: true
get('/') do
  status 301
  redirect?.inspect
end
