# compat: routing/custom_condition_via_register  (source: sinatra test/routing_test.rb "allows custom route-conditions to be set via route options")
#
# request: GET /
# expect-status: 403
# expect-body: go away
#
# request: GET /?user=foo&password=bar
# expect-status: 200
# expect-body: hey
module Protector
  def protect(*args)
    condition do
      unless authorize(params['user'], params['password'])
        halt 403, 'go away'
      end
    end
  end
end
register Protector
helpers do
  def authorize(username, password)
    username == 'foo' && password == 'bar'
  end
end
get '/', :protect => true do
  'hey'
end
