# compat: delegator/use_middleware  (source: sinatra test/delegator_test.rb "use is delegated (Rack middleware in front of the app)")
#
# request: GET /
# expect-status: 200
# expect-body: stamped
# expect-header: X-Stamped: yes
class Stamp
  def initialize(app) = @app = app
  def call(env)
    s, h, b = @app.call(env)
    h['x-stamped'] = 'yes'
    [s, h, b]
  end
end
use Stamp
get('/') { 'stamped' }
