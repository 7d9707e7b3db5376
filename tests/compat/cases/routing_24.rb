# compat: routing/param_without_value  (source: sinatra test/routing_test.rb "handles params without a value")
#
# request: GET /?foo
# expect-status: 200
# expect-body: Given: foo nil
get '/' do
  "Given: #{params.keys.sort.join(',')} #{params.fetch('foo').inspect}"
end
