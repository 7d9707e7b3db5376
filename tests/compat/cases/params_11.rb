# compat: params/repeated_key_last_wins  (source: sinatra test/routing_test.rb "a repeated plain key keeps the last value (Rack)")
#
# request: GET /?a=1&a=2
# expect-status: 200
# expect-body: 2
get('/') { params[:a] }
