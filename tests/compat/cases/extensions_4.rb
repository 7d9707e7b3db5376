# compat: extensions/sinatra_register  (source: sinatra test/extensions_test.rb "Sinatra.register adds to the classic DSL")
#
# request: GET /t
# expect-status: 200
# expect-body: tracked
module Tracker
  def track(path)
    get(path) { 'tracked' }
  end
end
Sinatra.register Tracker
track '/t'
