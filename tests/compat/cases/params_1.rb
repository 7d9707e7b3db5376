# compat: params/nested_basic  (source: sinatra test/routing_test.rb "supports basic nested params")
#
# request: GET /hi?person[name]=John+Doe
# expect-status: 200
# expect-body: John Doe
get '/hi' do
  params['person']['name']
end
