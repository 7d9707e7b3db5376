# compat: params/nested_form_post  (source: sinatra test/request_test.rb "nested params in POST bodies")
#
# request: POST /
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: user[name]=ann&tags[]=a&tags[]=b
# expect-status: 200
# expect-body: ann a,b
post '/' do
  "#{params[:user][:name]} #{params[:tags].join(',')}"
end
