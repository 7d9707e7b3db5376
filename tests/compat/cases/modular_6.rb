# compat: modular/no_classic_404_in_modular  (source: sinatra test/base_test.rb "a modular app 404s on unknown paths")
#
# request: GET /nope
# expect-status: 404
# expect-body: <h1>Not Found</h1>
# expect-header: X-Cascade: pass
class App < Sinatra::Base
  get('/') { 'x' }
end
run App
