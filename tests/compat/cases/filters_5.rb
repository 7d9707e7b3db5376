# compat: filters/before_return_ignored  (source: sinatra test/filter_test.rb "does not modify the response with its return value")
#
# request: GET /foo
# expect-status: 200
# expect-body: cool []
before { 'Hello World!' }
get '/foo' do
  "cool #{response.body.inspect}"
end
