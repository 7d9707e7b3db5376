# compat: provides/concrete_over_partly_generic  (source: sinatra test/routing_test.rb "prefers concrete over partly generic types")
#
# request: GET /
# request-header: Accept: image/*, text/html
# expect-status: 200
# expect-body: text/html;charset=utf-8
#
# request: GET /
# request-header: Accept: image/png, text/*
# expect-status: 200
# expect-body: image/png
get('/', :provides => [:png, :html]) { content_type }
