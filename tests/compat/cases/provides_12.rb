# compat: provides/default_quality  (source: sinatra test/routing_test.rb "supplies a default quality of 1.0")
#
# request: GET /
# request-header: Accept: image/png;q=0.5, text/*
# expect-status: 200
# expect-body: text/html;charset=utf-8
get('/', :provides => [:png, :html]) { content_type }
