# compat: filters/after_host_name  (source: sinatra test/filter_test.rb "is possible to apply host_name conditions to after filters with no path")
#
# request: GET /
# request-header: Host: example.org
# expect-status: 200
# expect-no-header: X-Ran
#
# request: GET /
# request-header: Host: example.com
# expect-status: 200
# expect-header: X-Ran: yes
after(:host_name => 'example.com') { headers 'X-Ran' => 'yes' }
get('/') { 'welcome' }
