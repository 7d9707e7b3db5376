# compat: filters/superclass_before  (source: sinatra test/filter_test.rb "runs filters defined in superclasses")
#
# request: GET /foo
# expect-status: 200
# expect-body: hello from superclass
class BaseApp < Sinatra::Base
  before { @foo = 'hello from superclass' }
end
class App < BaseApp
  get('/foo') { @foo }
end
run App
