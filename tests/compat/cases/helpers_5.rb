# compat: helpers/status_pred_informational_250  (source: sinatra test/helpers_test.rb "informational? is false for 250")
#
# request: GET /
# expect-status: 250
# expect-body: false
get('/') do
  status 250
  informational?.inspect
end
