# compat: rack_middleware/conditional_get  (source: rack test/spec_conditional_get.rb "set a 304 status and truncate body when if-none-match hits", "... if-modified-since hits", "not set a 304 status if no header matches")
#
# request: GET /etag
# request-header: If-None-Match: 1234
# expect-status: 304
# expect-body:
#
# request: GET /etag
# request-header: If-None-Match: 5678
# expect-status: 200
# expect-body: TEST
#
# request: GET /modified
# request-header: If-Modified-Since: Wed, 21 Oct 2015 07:28:00 GMT
# expect-status: 304
#
# request: GET /modified
# request-header: If-Modified-Since: Tue, 20 Oct 2015 07:28:00 GMT
# expect-status: 200
# expect-body: TEST
use Rack::ConditionalGet

get('/etag') { headers 'ETag' => '1234'; 'TEST' }
get('/modified') { headers 'Last-Modified' => 'Wed, 21 Oct 2015 07:28:00 GMT'; 'TEST' }
