# compat: routing/spaces_encoded  (source: sinatra test/routing_test.rb "matches paths that include spaces encoded with %20 / +")
#
# request: GET /path%20with%20spaces
# expect-status: 200
# expect-body: looks good
#
# request: GET /path+with+spaces
# expect-status: 200
# expect-body: looks good
get '/path with spaces' do
  'looks good'
end
