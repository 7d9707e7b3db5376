# compat: readme/cache_control_example  (source: sinatra test/readme_test.rb "Cache control example")
#
# request: GET /
# expect-status: 200
# expect-header: Cache-Control: public, must-revalidate, max-age=60
get '/' do
  cache_control :public, :must_revalidate, :max_age => 60
  'This page is cached'
end
