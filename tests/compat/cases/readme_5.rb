# compat: readme/splats  (source: sinatra test/readme_test.rb "Routes: splat parameters")
#
# request: GET /say/hello/to/world
# expect-status: 200
# expect-body: ["hello", "world"]
#
# request: GET /download/path/to/file.xml
# expect-status: 200
# expect-body: ["path/to/file", "xml"]
get('/say/*/to/*') do
  params[:splat].inspect
end
get('/download/*.*') do
  params[:splat].inspect
end
