# compat: filters/superclass_after  (source: sinatra test/filter_test.rb "runs filters defined in superclasses (after)")
#
# request: GET /foo
# expect-status: 200
# expect-body: ok
# expect-header: X-Base-After: ran
class BaseApp < Sinatra::Base
  after { headers 'X-Base-After' => 'ran' }
end
class App < BaseApp
  get('/foo') { 'ok' }
end
run App
