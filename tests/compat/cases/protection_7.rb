# compat: protection/frame_options_deny  (source: sinatra test/settings_test.rb "set :protection, :frame_options => :deny")
#
# request: GET /
# expect-status: 200
# expect-body: hi
# expect-header: X-Frame-Options: DENY
set :protection, :frame_options => :deny
get('/') { 'hi' }
