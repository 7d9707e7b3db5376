# compat: readme/error_range  (source: sinatra test/readme_test.rb "Error: handler for a range")
#
# request: GET /
# expect-status: 418
# expect-body: Boom
error 400..510 do
  'Boom'
end
get('/') { status 418; 'teapot' }
