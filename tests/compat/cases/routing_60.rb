# compat: routing/user_agent_condition  (source: sinatra test/routing_test.rb "passes to the next route when user_agent does not match")
#
# request: GET /foo
# expect-status: 404
#
# request: GET /foo
# request-header: User-Agent: Foo Bar
# expect-status: 200
# expect-body: Hello World
get '/foo', :user_agent => /Foo/ do
  'Hello World'
end
