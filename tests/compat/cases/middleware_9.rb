# compat: middleware/sees_session_and_method_override  (source: sinatra lib/sinatra/base.rb setup_default_middleware: MethodOverride and sessions run before the app's own middleware)
#
# request: POST /thing
# request-header: Content-Type: application/x-www-form-urlencoded
# request-body: _method=PUT
# expect-status: 200
# expect-body: PUT session:true
class Peek
  def initialize(app) = @app = app

  def call(env)
    env['test.peek'] = "#{env['REQUEST_METHOD']} session:#{env.key?('rack.session')}"
    @app.call(env)
  end
end

enable :sessions
set :session_secret, 'x' * 64
use Peek
put('/thing') { env['test.peek'] }
