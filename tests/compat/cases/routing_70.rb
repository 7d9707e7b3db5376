# compat: routing/block_arity_one_no_values  (source: sinatra test/routing_test.rb "raises an ArgumentError with block param arity 1 and no values")
#
# request: GET /foo
# expect-status: 500
get '/foo' do |foo|
  'quux'
end
