# compat: helpers/error_handler_halt_no_reinvoke  (source: sinatra test/helpers_test.rb "should not invoke error handler when halting with 500 inside an error handler")
#
# request: GET /
# expect-status: 404
# expect-body: error handler
not_found do
  body 'not_found handler'
  halt 404
end
error do
  body 'error handler'
  halt 404
end
get '/' do
  raise
end
