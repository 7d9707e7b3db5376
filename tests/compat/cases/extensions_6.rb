# compat: extensions/modular_register  (source: sinatra test/extensions_test.rb "register in a modular app does not leak to the top level")
#
# request: GET /ext
# expect-status: 200
# expect-body: ext
module Ext
  def self.registered(app)
    app.get('/ext') { 'ext' }
  end
end
class App < Sinatra::Base
  register Ext
end
run App
