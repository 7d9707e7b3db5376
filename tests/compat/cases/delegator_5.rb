# compat: delegator/mime_type_delegated  (source: sinatra test/delegator_test.rb "mime_type is delegated")
#
# request: GET /
# expect-status: 200
# expect-header: Content-Type: application/x-thing
mime_type :thing, 'application/x-thing'
get('/') { content_type :thing; 'x' }
