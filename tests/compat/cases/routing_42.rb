# compat: routing/ampersand_in_path  (source: sinatra test/routing_test.rb "matches paths that include ampersands")
#
# request: GET /foo&bar
# expect-status: 200
# expect-body: looks good
get '/:name' do
  'looks good'
end
