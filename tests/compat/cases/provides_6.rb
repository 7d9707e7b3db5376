# compat: provides/user_agent_preferences  (source: sinatra test/routing_test.rb "respects user agent preferences for the content type")
#
# request: GET /
# request-header: Accept: image/png;q=0.5,text/html;q=0.8
# expect-status: 200
# expect-body: text/html;charset=utf-8
#
# request: GET /
# request-header: Accept: image/png;q=0.8,text/html;q=0.5
# expect-status: 200
# expect-body: image/png
get('/', :provides => [:png, :html]) { content_type }
