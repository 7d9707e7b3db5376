# compat: filters/before_url_params  (source: sinatra test/filter_test.rb "is possible to access url params from the route param")
#
# request: GET /foo/bar
# expect-status: 200
# expect-body: bar
get('/foo/*') { @sub.to_s }
before('/foo/:sub') do
  @sub = params[:sub]
end
