# compat: filters/before_halt  (source: sinatra test/filter_test.rb "does modify the response with halt")
#
# request: GET /foo
# expect-status: 302
# expect-body: Hi
before { halt 302, 'Hi' }
get '/foo' do
  'should not happen'
end
