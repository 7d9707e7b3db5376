# compat: helpers/logger_nil  (source: sinatra test/helpers_test.rb "does not create a logger when logging is set to nil")
#
# request: GET /
# expect-status: 200
# expect-body: nil
set :logging, nil
get('/') { logger.inspect }
