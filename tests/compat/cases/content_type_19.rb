# compat: content_type/returns_value  (source: sinatra test/helpers_test.rb "content_type returns the new value")
#
# request: GET /
# expect-status: 200
# expect-body: text/plain;charset=utf-8
get('/') { content_type(:txt) }
