# compat: modular/base_subclass  (source: sinatra test/base_test.rb "allows subclassing Sinatra::Base")
#
# request: GET /
# expect-status: 200
# expect-body: modular
class App < Sinatra::Base
  get('/') { 'modular' }
end
run App
