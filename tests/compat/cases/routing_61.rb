# compat: routing/user_agent_missing  (source: sinatra test/routing_test.rb "treats missing user agent like an empty string")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
get '/', :user_agent => /.*/ do
  'Hello World'
end
