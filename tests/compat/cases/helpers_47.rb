# compat: helpers/helpers_modules  (source: sinatra test/helpers_test.rb "takes a list of modules to mix into the app")
#
# request: GET /one
# expect-status: 200
# expect-body: 1
#
# request: GET /two
# expect-status: 200
# expect-body: 2
module HelperOne; def one; '1'; end; end
module HelperTwo; def two; '2'; end; end
helpers HelperOne, HelperTwo
get('/one') { one }
get('/two') { two }
