# compat: readme/custom_error_class  (source: sinatra test/readme_test.rb "Error: custom error class handler")
#
# request: GET /
# expect-status: 500
# expect-body: So what happened was...something bad
class MyCustomError < StandardError; end
error MyCustomError do
  'So what happened was...' + env['sinatra.error'].message
end
get '/' do
  raise MyCustomError, 'something bad'
end
