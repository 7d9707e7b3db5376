# compat: protection/xml_headers  (source: sinatra test/settings_test.rb "XML counts as HTML for frame options")
#
# request: GET /
# expect-status: 200
# expect-header: X-Frame-Options: SAMEORIGIN
# expect-header: X-Content-Type-Options: nosniff
get('/') { content_type :xml; '<a/>' }
