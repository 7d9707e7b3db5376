# compat: routing/regexp_captures_param  (source: sinatra test/routing_test.rb "makes regular expression captures available in params[:captures]")
#
# request: GET /foorooomma/baf
# expect-status: 200
# expect-body: orooomma,f
get(/\/fo(.*)\/ba(.*)/) do
  params[:captures].join(',')
end
