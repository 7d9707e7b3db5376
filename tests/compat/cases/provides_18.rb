# compat: provides/missing_mime_404  (source: sinatra test/routing_test.rb "handles missing mime_types with 404")
#
# request: GET /
# request-header: Accept: application/rss+xml
# expect-status: 404
# expect-header: Content-Type: text/html;charset=utf-8
configure { mime_type(:rss10, 'application/rss+xml') }
get('/', :provides => [:jpg]) { content_type }
