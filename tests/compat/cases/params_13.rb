# compat: params/params_is_indifferent_hash  (source: sinatra test/routing_test.rb "params is a Sinatra::IndifferentHash")
#
# request: GET /
# expect-status: 200
# expect-body: Sinatra::IndifferentHash
get('/') { params.class.to_s }
