# compat: routing/decodes_named_and_splat  (source: sinatra test/routing_test.rb "URL decodes named parameters and splats")
#
# request: GET /hello%20world/how%20are%20you
# expect-status: 200
# expect-body: hello world|how are you
get '/:foo/*' do
  "#{params['foo']}|#{params['splat'].first}"
end
