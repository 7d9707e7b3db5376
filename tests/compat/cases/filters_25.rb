# compat: filters/before_user_agent  (source: sinatra test/filter_test.rb "is possible to apply user_agent conditions to before filters with no path")
#
# request: GET /
# request-header: User-Agent: bar
# expect-status: 200
# expect-body: welcome nil
#
# request: GET /
# request-header: User-Agent: foo
# expect-status: 200
# expect-body: welcome true
before(:user_agent => /foo/) { @ran = true }
get('/') { "welcome #{@ran.inspect}" }
