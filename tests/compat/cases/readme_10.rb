# compat: readme/query_params  (source: sinatra test/readme_test.rb "Routes: query parameters")
#
# request: GET /posts?title=foo&author=bar
# expect-status: 200
# expect-body: foo by bar
get '/posts' do
  "#{params['title']} by #{params['author']}"
end
