# compat: filters/after_exception_handled  (source: sinatra test/filter_test.rb "can catch exceptions in after filters and handle them properly")
#
# request: GET /foo
# expect-status: 500
# expect-body: Error handled now
#
# request: GET /
# expect-status: 500
# expect-body: Error handled after
after do
  raise StandardError, 'after'
end
get '/foo' do
  raise StandardError, 'now'
end
get '/' do
  'Been now'
end
error 500 do
  "Error handled #{env['sinatra.error'].message}"
end
