# compat: extensions/sinatra_helpers  (source: sinatra test/extensions_test.rb "Sinatra.helpers adds helpers to the classic app")
#
# request: GET /ann
# expect-status: 200
# expect-body: hi ann
module Greeter
  def greet(n) = "hi #{n}"
end
Sinatra.helpers Greeter
get('/:n') { greet(params[:n]) }
