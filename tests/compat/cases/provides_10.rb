# compat: provides/partly_over_fully_generic  (source: sinatra test/routing_test.rb "prefers partly generic over fully generic types")
#
# request: GET /
# request-header: Accept: */*, text/*
# expect-status: 200
# expect-body: text/html;charset=utf-8
#
# request: GET /
# request-header: Accept: image/*, */*
# expect-status: 200
# expect-body: image/png
get('/', :provides => [:png, :html]) { content_type }
