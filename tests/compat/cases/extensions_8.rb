# compat: extensions/route_added_hook  (source: sinatra test/route_added_hook_test.rb "should be notified of an added route")
#
# request: GET /
# expect-status: 200
# expect-body: GET /,HEAD /,POST /x
module RouteAddedTest
  @routes = []
  def self.routes = @routes
  def self.route_added(verb, path, proc)
    @routes << [verb, path]
  end
end
register RouteAddedTest
get('/') { RouteAddedTest.routes.map { |v, p| "#{v} #{p}" }.join(',') }
post('/x') { 'x' }
