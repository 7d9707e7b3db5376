# compat: provides/mime_type_with_params  (source: sinatra test/routing_test.rb "matches content-type to mime_type")
#
# request: GET /
# request-header: Accept: application/rss+xml
# expect-status: 200
# expect-body: application/rss+xml;version="http://purl.org/rss/1.0/"
configure { mime_type(:rss10, 'application/rss+xml;version="http://purl.org/rss/1.0/"') }
get('/', :provides => [:rss10]) { content_type }
