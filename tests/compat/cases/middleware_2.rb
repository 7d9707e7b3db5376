# compat: middleware/order_defined  (source: sinatra test/middleware_test.rb "runs in the order defined")
#
# request: GET /Foo
# expect-status: 200
# expect-body: /foo
# expect-header: X-Tests: UpcaseMiddleware, DowncaseMiddleware
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

class DowncaseMiddleware < MockMiddleware
  def call(env)
    env['PATH_INFO'] = env['PATH_INFO'].downcase
    super
  end
end

use UpcaseMiddleware
use DowncaseMiddleware
get('/*') do
  response.headers['X-Tests'] = env['test.ran'].map { |n| n.split('::').last }.join(', ')
  env['PATH_INFO']
end
