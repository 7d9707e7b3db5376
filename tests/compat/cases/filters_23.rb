# compat: filters/before_host_name_path  (source: sinatra test/filter_test.rb "is possible to apply host_name conditions to before filters with a path")
#
# request: GET /
# request-header: Host: example.com
# expect-status: 200
# expect-body: welcome nil
#
# request: GET /foo
# request-header: Host: example.org
# expect-status: 200
# expect-body: foo nil
#
# request: GET /foo
# request-header: Host: example.com
# expect-status: 200
# expect-body: foo true
before('/foo', :host_name => 'example.com') { @ran = true }
get('/') { "welcome #{@ran.inspect}" }
get('/foo') { "foo #{@ran.inspect}" }
