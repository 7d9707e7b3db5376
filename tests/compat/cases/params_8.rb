# compat: params/form_and_query_merge  (source: sinatra test/request_test.rb "merges query string and form params (form wins)")
#
# request: POST /?a=query&b=query
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: a=form
# expect-status: 200
# expect-body: form query
post '/' do
  "#{params[:a]} #{params[:b]}"
end
