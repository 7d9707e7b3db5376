# compat: errors/not_found_block  (source: sinatra test/mapped_error_test.rb "has a not_found method for backwards compatibility")
#
# request: GET /test
# expect-status: 404
# expect-body: Lost, are we?
not_found { 'Lost, are we?' }
