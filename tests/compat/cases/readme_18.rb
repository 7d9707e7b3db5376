# compat: readme/error_handler_env  (source: sinatra test/readme_test.rb "Error: env['sinatra.error'].message")
#
# request: GET /
# expect-status: 500
# expect-body: Sorry there was a nasty error - Bad thing
error do
  'Sorry there was a nasty error - ' + env['sinatra.error'].message
end
get('/') { raise 'Bad thing' }
