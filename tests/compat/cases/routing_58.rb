# compat: routing/user_agent_condition_multi  (source: sinatra test/routing_test.rb "takes multiple definitions of a route")
#
# request: GET /foo
# request-header: User-Agent: Foo
# expect-status: 200
# expect-body: foo
#
# request: GET /foo
# expect-status: 200
# expect-body: not foo
get '/foo', :user_agent => /Foo/ do
  'foo'
end
get '/foo' do
  'not foo'
end
