# compat: middleware/rack_env  (source: rack SPEC "The Environment": the keys a middleware can count on)
#
# request: POST /path/here?a=1
# request-header: Content-Type: text/plain
# request-body: line one
# expect-status: 200
# expect-body-json: "POST|/path/here|a=1||example.org|80|http|HTTP/1.1|line one|true|text/plain|8"
class Inspect
  def initialize(app) = @app = app

  def call(env)
    input = env['rack.input']
    env['test.seen'] = [env['REQUEST_METHOD'], env['PATH_INFO'], env['QUERY_STRING'], env['SCRIPT_NAME'],
                        env['SERVER_NAME'], env['SERVER_PORT'], env['rack.url_scheme'], env['SERVER_PROTOCOL'],
                        input.read, env['rack.errors'].respond_to?(:puts), env['CONTENT_TYPE'], env['CONTENT_LENGTH']].join('|')
    input.rewind
    @app.call(env)
  end
end

use Inspect
post('/path/here') { env['test.seen'] }
