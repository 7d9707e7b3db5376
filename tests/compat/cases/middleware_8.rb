# compat: middleware/inherited  (source: sinatra test/middleware_test.rb; Sinatra::Base.middleware includes the superclass's)
#
# request: GET /
# expect-status: 200
# expect-body: Parent, Child
class Tag < Struct.new(:app, :name)
  def call(env)
    (env['test.ran'] ||= []) << name
    app.call(env)
  end
end

class ParentApp < Sinatra::Base
  use Tag, 'Parent'
end

class ChildApp < ParentApp
  use Tag, 'Child'
  get('/') { env['test.ran'].join(', ') }
end

run ChildApp
