# compat: readme/conditions_agent  (source: sinatra test/readme_test.rb "Conditions: user agent")
#
# request: GET /foo
# request-header: User-Agent: Songbird 1.0/3
# expect-status: 200
# expect-body: You're using Songbird version 1.0
#
# request: GET /foo
# expect-status: 200
# expect-body: not songbird
get '/foo', :agent => /Songbird (\d\.\d)[\d\/]*?/ do
  "You're using Songbird version #{params['agent'][0]}"
end
get '/foo' do
  'not songbird'
end
