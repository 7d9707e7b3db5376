# compat: params/deeply_nested  (source: sinatra test/routing_test.rb "supports deeply nested params")
#
# request: GET /foo?emacs[map][goto-line]=M-g+g&emacs[version]=22.3.1&browser[firefox][engine][name]=spidermonkey&browser[chrome][engine][version]=1.0&paste[name]=hello+world
# expect-status: 200
# expect-body: M-g g|22.3.1|spidermonkey|1.0|hello world
get '/foo' do
  [params['emacs']['map']['goto-line'], params['emacs']['version'],
   params['browser']['firefox']['engine']['name'], params['browser']['chrome']['engine']['version'],
   params['paste']['name']].join('|')
end
