# compat: readme/error_status_code  (source: sinatra test/readme_test.rb "Error: handler for a status code")
#
# request: GET /secret
# expect-status: 403
# expect-body: Access forbidden
error 403 do
  'Access forbidden'
end
get '/secret' do
  403
end
