# compat: provides/filters_by_accept  (source: sinatra test/routing_test.rb "filters by accept header")
#
# request: GET /
# request-header: Accept: application/xml
# expect-status: 200
# expect-body: application/xml
# expect-header: Content-Type: application/xml;charset=utf-8
#
# request: GET /
# expect-status: 200
# expect-body:
# expect-header: Content-Type: application/xml;charset=utf-8
#
# request: GET /
# request-header: Accept: */*
# expect-status: 200
# expect-body: */*
# expect-header: Content-Type: application/xml;charset=utf-8
#
# request: GET /
# request-header: Accept: text/html;q=0.9
# expect-status: 404
#
# request: GET /foo
# request-header: Accept: text/html;q=0.9
# expect-status: 200
# expect-body: text/html;q=0.9
#
# request: GET /foo
# request-header: Accept: */*
# expect-status: 200
# expect-body: */*
#
# request: GET /foo
# request-header: Accept: application/xml
# expect-status: 404
#
# request: GET /stream
# request-header: Accept: text/event-stream
# expect-status: 200
# expect-body: text/event-stream
#
# request: GET /stream
# request-header: Accept: application/xml
# expect-status: 404
get '/', :provides => :xml do
  env['HTTP_ACCEPT'].to_s
end
get '/foo', :provides => :html do
  env['HTTP_ACCEPT'].to_s
end
get '/stream', :provides => 'text/event-stream' do
  env['HTTP_ACCEPT'].to_s
end
