# compat: middleware/keyword_arguments  (source: sinatra test/middleware_test.rb "handles keyword arguments")
#
# request: GET /
# expect-status: 200
# expect-body: argument
class KeywordMiddleware
  def initialize(app, argument:)
    @app = app
    @argument = argument
  end

  def call(env)
    env['test.argument'] = @argument
    @app.call(env)
  end
end

use KeywordMiddleware, argument: 'argument'
get('/') { env['test.argument'] }
