# compat: readme/before_filter_cache  (source: sinatra test/readme_test.rb "cache_control in a before filter")
#
# request: GET /
# expect-status: 200
# expect-header: Cache-Control: public, must-revalidate, max-age=60
before do
  cache_control :public, :must_revalidate, :max_age => 60
end
get('/') { 'x' }
