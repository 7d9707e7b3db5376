# compat: routing/dot_in_named_param  (source: sinatra test/routing_test.rb "matches a dot ('.') as part of a named param")
#
# request: GET /user@example.com/name
# expect-status: 200
# expect-body: user@example.com
get '/:foo/:bar' do
  params[:foo]
end
