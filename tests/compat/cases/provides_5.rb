# compat: provides/degrades_without_accept  (source: sinatra test/routing_test.rb "a provides route matches a request without Accept (Sinatra 4: no Accept means */*)")
#
# request: GET /
# expect-status: 200
# expect-body:
get '/', :provides => :xml do
  env['HTTP_ACCEPT'].to_s
end
get '/' do
  'default'
end
