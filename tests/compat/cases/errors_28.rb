# compat: errors/not_found_message_escaped  (source: sinatra test/routing_test.rb "the NotFound message is HTML-escaped")
#
# request: GET /
# expect-status: 404
# expect-body: &lt;b&gt;nope
get('/') { raise Sinatra::NotFound, '<b>nope' }
