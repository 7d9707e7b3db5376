# compat: provides/xml_both  (source: sinatra test/routing_test.rb "accepts both text/xml and application/xml for xml")
#
# request: GET /
# request-header: Accept: application/xml
# expect-status: 200
# expect-body: application/xml;charset=utf-8
#
# request: GET /
# request-header: Accept: text/xml
# expect-status: 200
# expect-body: text/xml;charset=utf-8
get('/', :provides => :xml) { content_type }
