# compat: caching/cache_control_values  (source: sinatra test/helpers_test.rb "cache_control with true and string values")
#
# request: GET /
# expect-status: 200
# expect-header: Cache-Control: private, must-revalidate, max-age=10, s-maxage=20
get('/') do
  cache_control :private, :must_revalidate, :max_age => 10, :s_maxage => 20
  'x'
end
