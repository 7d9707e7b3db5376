# compat: extensions/route_added_hook_once  (source: sinatra test/route_added_hook_test.rb "should only run once per extension")
#
# request: GET /
# expect-status: 200
# expect-body: 2
module RouteAddedTest
  @count = 0
  def self.count = @count
  def self.route_added(verb, path, proc)
    @count += 1
  end
end
register RouteAddedTest
register RouteAddedTest
get('/') { RouteAddedTest.count.to_s }
