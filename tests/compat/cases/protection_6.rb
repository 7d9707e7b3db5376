# compat: protection/except_frame_options  (source: sinatra test/settings_test.rb "set :protection, :except => :frame_options")
#
# request: GET /
# expect-status: 200
# expect-body: hi
# expect-header: X-Content-Type-Options: nosniff
# expect-no-header: X-Frame-Options
set :protection, :except => :frame_options
get('/') { 'hi' }
