# compat: provides/quality_generic  (source: sinatra test/routing_test.rb "respects quality with generic types")
#
# request: GET /
# request-header: Accept: image/*;q=1, text/html;q=0
# expect-status: 200
# expect-body: image/png
#
# request: GET /
# request-header: Accept: image/png;q=0.5, text/*;q=0.7
# expect-status: 200
# expect-body: text/html;charset=utf-8
get('/', :provides => [:png, :html]) { content_type }
