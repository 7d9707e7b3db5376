# compat: routing/user_agent_captures  (source: sinatra test/routing_test.rb "makes captures in user agent pattern available in params[:agent]")
#
# request: GET /foo
# request-header: User-Agent: Foo Bar
# expect-status: 200
# expect-body: Hello Bar
get '/foo', :user_agent => /Foo (.*)/ do
  'Hello ' + params[:agent].first
end
