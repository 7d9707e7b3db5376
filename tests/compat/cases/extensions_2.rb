# compat: extensions/registered_hook  (source: sinatra test/extensions_test.rb "will call the registered method when registered")
#
# request: GET /reg
# expect-status: 200
# expect-body: registered!
module RegExt
  def self.registered(app)
    app.set :reg, 'registered!'
    app.get('/reg') { settings.reg }
  end
end
register RegExt
