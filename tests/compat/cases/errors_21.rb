# compat: errors/range_mapping  (source: sinatra test/mapped_error_test.rb "allows ranges of status code mappings to be registered with :error")
#
# request: GET /
# expect-status: 507
# expect-body: Error: 507
error(500..550) { "Error: #{response.status}" }
get('/') { [507, {}, 'A very special error'] }
