# compat: params/form_post  (source: sinatra test/request_test.rb "parses form-encoded POST bodies into params")
#
# request: POST /
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: a=1&b=two+words
# expect-status: 200
# expect-body: 1 two words
post '/' do
  "#{params[:a]} #{params['b']}"
end
