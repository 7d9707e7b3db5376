# compat: routing/bad_request_handler  (source: sinatra test/routing_test.rb "captures the custom exception message of a BadRequest")
#
# request: GET /?foo=&foo[]=
# expect-status: 400
# expect-body: This is not a drill either
get('/') { 'x' }
error Sinatra::BadRequest do
  'This is not a drill either'
end
