# compat: readme/optional_format  (source: sinatra test/readme_test.rb "Routes: optional parameters")
#
# request: GET /posts/json
# expect-status: 200
# expect-body: format="json"
#
# request: GET /posts/
# expect-status: 200
# expect-body: format=nil
get '/posts/:format?' do
  "format=#{params[:format].inspect}"
end
