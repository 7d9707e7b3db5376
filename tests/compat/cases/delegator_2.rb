# compat: delegator/target  (source: sinatra test/delegator_test.rb "Sinatra::Delegator.target is Sinatra::Application")
#
# request: GET /
# expect-status: 200
# expect-body: Sinatra::Application
get('/') { Sinatra::Delegator.target.to_s }
