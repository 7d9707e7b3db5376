# compat: results/triple_array_body  (source: sinatra test/result_test.rb "Rack triple with an Array body")
#
# request: GET /
# expect-status: 201
# expect-body: ab
# expect-header: X-Made: yes
get('/') { [201, {'X-Made' => 'yes'}, ['a', 'b']] }
