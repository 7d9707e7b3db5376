# compat: routing/pass_block_superclass  (source: sinatra test/routing_test.rb "uses optional block passed to pass as route block if no other route is found and superclass has non-matching routes")
#
# request: GET /
# expect-status: 200
# expect-body: this
class BaseApp < Sinatra::Base
  get('/foo') { 'foo in baseclass' }
end
class App < BaseApp
  get '/' do
    pass do
      'this'
    end
    'not this'
  end
end
run App
