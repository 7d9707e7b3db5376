# compat: helpers/not_found_handler_halt_500  (source: sinatra test/helpers_test.rb "should not invoke not_found handler when halting with 404 inside a not found handler")
#
# request: GET /
# expect-status: 500
# expect-body: not_found handler
not_found do
  body 'not_found handler'
  halt 500
end
error do
  body 'error handler'
  halt 500
end
