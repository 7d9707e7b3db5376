# compat: modular/call_class  (source: sinatra test/base_test.rb "App.call is a Rack endpoint (prototype)")
#
# request: GET /
# expect-status: 200
# expect-body: 200 inner
class Inner < Sinatra::Base
  get('/') { 'inner' }
end
class App < Sinatra::Base
  get('/') do
    s, h, b = Inner.call(env)
    "#{s} #{b.join}"
  end
end
run App
