# compat: modular/instance_per_request  (source: sinatra test/base_test.rb "uses a fresh instance for every request")
#
# request: GET /
# expect-status: 200
# expect-body: 1
#
# request: GET /
# expect-status: 200
# expect-body: 1
class App < Sinatra::Base
  get('/') { @count = (@count || 0) + 1; @count.to_s }
end
run App
