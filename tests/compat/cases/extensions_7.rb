# compat: extensions/extension_helpers  (source: sinatra test/extensions_test.rb "an extension adds helpers in registered")
#
# request: GET /
# expect-status: 200
# expect-body: abab
module WithHelpers
  module Helpers
    def twice(s) = s * 2
  end
  def self.registered(app)
    app.helpers Helpers
  end
end
register WithHelpers
get('/') { twice('ab') }
