# compat: helpers/not_found_halts  (source: sinatra test/helpers_test.rb "halts with a 404 status")
#
# request: GET /
# expect-status: 404
# expect-body:
# expect-no-header: X-Cascade
get('/') do
  not_found
  fail 'not_found should halt'
end
