# compat: provides/quoted_strings  (source: sinatra test/routing_test.rb "properly handles quoted strings in parameters")
#
# request: GET /
# request-header: Accept: image/png;q=0.5;profile=",image/jpeg,"
# expect-status: 200
# expect-body: image/png
#
# request: GET /
# request-header: Accept: image/png;q=0.5,image/jpeg;q=0;x=";q=1.0"
# expect-status: 200
# expect-body: image/png
get('/', :provides => [:png, :jpg]) { content_type }
