# compat: filters/after_halt  (source: sinatra test/filter_test.rb "does modify the response with halt (after)")
#
# request: GET /foo
# expect-status: 302
# expect-body: Hi
get '/foo' do
  'should not be returned'
end
after { halt 302, 'Hi' }
