# compat: provides/by_current_content_type  (source: sinatra test/routing_test.rb "filters by current Content-Type")
#
# request: GET /
# request-header: Accept: */*
# expect-status: 200
# expect-body: txt
# expect-header: Content-Type: text/plain;charset=utf-8
#
# request: GET /txt
# request-header: Accept: text/plain
# expect-status: 200
# expect-body: txt
# expect-header: Content-Type: text/plain;charset=utf-8
#
# request: GET /
# request-header: Accept: text/html
# expect-status: 200
# expect-body: html
# expect-header: Content-Type: text/html;charset=utf-8
before('/txt') { content_type :txt }
get('*', :provides => :txt) { 'txt' }
before('/html') { content_type :html }
get('*', :provides => :html) { 'html' }
