# compat: request/path_info_decoded_not  (source: sinatra test/request_test.rb "path_info stays URL-encoded")
#
# request: GET /a%20b
# expect-status: 200
# expect-body: /a%20b
get('/*') { request.path_info }
