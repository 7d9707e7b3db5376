# compat: routing/literal_dot_between_params  (source: sinatra test/routing_test.rb "matches a literal dot ('.') outside of named params")
#
# request: GET /pony.jpg
# expect-status: 200
# expect-body: pony jpg
get '/:file.:ext' do
  "#{params[:file]} #{params[:ext]}"
end
