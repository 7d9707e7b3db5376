# compat: errors/error_4xx_range_not_found  (source: sinatra test/mapped_error_test.rb "a range handler covers unmatched routes")
#
# request: GET /missing
# expect-status: 404
# expect-body: client 404
error(400..499) { "client #{status}" }
