# compat: routing/plus_in_named_param  (source: sinatra test/routing_test.rb "does not convert plus sign into space as the value of a named param")
#
# request: GET /bob+ross
# expect-status: 200
# expect-body: bob+ross
get '/:test' do
  params['test']
end
