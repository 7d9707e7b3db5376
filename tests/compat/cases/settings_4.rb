# compat: settings/proc_evaluated_each_time  (source: sinatra test/settings_test.rb "evaluates Procs in the context of the class")
#
# request: GET /
# expect-status: 200
# expect-body: hello app
set :label, 'app'
set(:greeting) { "hello #{label}" }
get('/') { settings.greeting }
