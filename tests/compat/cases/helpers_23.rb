# compat: helpers/error_handler_status_no_reinvoke  (source: sinatra test/helpers_test.rb "should not invoke error handler when setting status inside an error handler")
#
# request: GET /
# expect-status: 404
# expect-body: error handler
not_found do
  body 'not_found handler'
  status 404
end
error do
  body 'error handler'
  status 404
end
get '/' do
  raise
end
