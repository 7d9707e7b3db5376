# compat: content_type/getter  (source: sinatra test/helpers_test.rb "content_type without arguments returns the current value")
#
# request: GET /
# expect-status: 200
# expect-body: text/plain;charset=utf-8
get('/') { content_type 'text/plain'; content_type }
