# compat: filters/before_exception_handled  (source: sinatra test/filter_test.rb "can catch exceptions in before filters and handle them properly")
#
# request: GET /
# expect-status: 500
# expect-body: Error handled before
before do
  raise StandardError, 'before'
end
get '/' do
  'and runs'
end
error 500 do
  "Error handled #{env['sinatra.error'].message}"
end
