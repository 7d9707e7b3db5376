# compat: filters/after_pattern  (source: sinatra test/filter_test.rb "takes an optional route pattern (after)")
#
# request: GET /foo
# expect-status: 200
# expect-body: foo
# expect-no-header: X-Ran
#
# request: GET /bar
# expect-status: 200
# expect-body: bar
# expect-header: X-Ran: yes
after('/b*') { headers 'X-Ran' => 'yes' }
get('/foo') { 'foo' }
get('/bar') { 'bar' }
