# compat: readme/splat_block_params  (source: sinatra test/readme_test.rb "Routes: splat block parameters")
#
# request: GET /download/path/to/file.xml
# expect-status: 200
# expect-body: ["path/to/file", "xml"]
get '/download/*.*' do |path, ext|
  [path, ext].inspect
end
