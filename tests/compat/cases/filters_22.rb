# compat: filters/before_host_name_no_path  (source: sinatra test/filter_test.rb "is possible to apply host_name conditions to before filters with no path")
#
# request: GET /
# request-header: Host: example.org
# expect-status: 200
# expect-body: welcome nil
#
# request: GET /
# request-header: Host: example.com
# expect-status: 200
# expect-body: welcome true
before(:host_name => 'example.com') { @ran = true }
get('/') { "welcome #{@ran.inspect}" }
