# compat: middleware/added_with_use  (source: sinatra test/middleware_test.rb "is added with Sinatra::Application.use")
#
# request: GET /hello-world
# expect-status: 200
# expect-body: /HELLO-WORLD
# expect-header: X-Tests: UpcaseMiddleware
class MockMiddleware < Struct.new(:app)
  def call(env)
    (env['test.ran'] ||= []) << self.class.to_s
    app.call(env)
  end
end

class UpcaseMiddleware < MockMiddleware
  def call(env)
    env['PATH_INFO'] = env['PATH_INFO'].upcase
    super
  end
end

use UpcaseMiddleware
get('/*') do
  response.headers['X-Tests'] = env['test.ran'].map { |n| n.split('::').last }.join(', ')
  env['PATH_INFO']
end
