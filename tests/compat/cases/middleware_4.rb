# compat: middleware/options_hash_and_block  (source: sinatra test/middleware_test.rb; rack SPEC: use Klass, *args, &block)
#
# request: GET /
# expect-status: 200
# expect-body: hello from the block
# expect-header: X-Option: 42
class Configured
  def initialize(app, options = {}, &block)
    @app = app
    @options = options
    @block = block
  end

  def call(env)
    env['test.greeting'] = @block.call
    status, headers, body = @app.call(env)
    headers['x-option'] = @options[:answer].to_s
    [status, headers, body]
  end
end

use(Configured, answer: 42) { 'hello from the block' }
get('/') { env['test.greeting'] }
