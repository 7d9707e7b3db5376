# compat: helpers/body_block  (source: sinatra test/helpers_test.rb "takes a block for deferred body generation")
#
# request: GET /
# expect-status: 200
# expect-body: Hello World
get('/') { body { 'Hello World' } }
