# compat: middleware/short_circuit  (source: rack SPEC: a middleware may answer without calling the app; header names are lower-case on the wire)
#
# request: GET /blocked
# expect-status: 403
# expect-body: no entry
# expect-header: Content-Type: text/plain
# expect-header: X-Reason: blocked
#
# request: GET /open
# expect-status: 200
# expect-body: open
class Gate
  def initialize(app) = @app = app

  def call(env)
    return [403, { 'Content-Type' => 'text/plain', 'X-Reason' => 'blocked' }, ['no entry']] if env['PATH_INFO'] == '/blocked'
    @app.call(env)
  end
end

use Gate
get('/open') { 'open' }
get('/blocked') { 'never' }
