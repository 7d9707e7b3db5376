# compat: provides/generic_types  (source: sinatra test/routing_test.rb "accepts generic types")
#
# request: GET /
# request-header: Accept: foo/*
# expect-status: 200
# expect-body: no match
#
# request: GET /
# request-header: Accept: application/*
# expect-status: 200
# expect-body: application/xml;charset=utf-8
#
# request: GET /
# request-header: Accept: */*
# expect-status: 200
# expect-body: application/xml;charset=utf-8
get('/', :provides => :xml) { content_type }
get('/') { 'no match' }
