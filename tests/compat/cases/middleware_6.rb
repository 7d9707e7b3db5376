# compat: middleware/body_each_and_close  (source: rack SPEC "The Body": each, then close; a BodyProxy-style wrapper)
#
# request: GET /
# expect-status: 200
# expect-body: <b>chunked</b>
#
# request: GET /closed
# expect-status: 200
# expect-body: 1
$closed = 0

class Wrap
  class Body
    def initialize(inner) = @inner = inner
    def each
      yield '<b>'
      @inner.each { |part| yield part }
      yield '</b>'
    end
    def close
      $closed += 1
      @inner.close if @inner.respond_to?(:close)
    end
  end

  def initialize(app) = @app = app

  def call(env)
    status, headers, body = @app.call(env)
    return [status, headers, body] unless env['PATH_INFO'] == '/'
    headers.delete('content-length')
    [status, headers, Body.new(body)]
  end
end

use Wrap
get('/') { 'chunked' }
get('/closed') { $closed.to_s }
