# compat: rack_middleware/etag  (source: rack test/spec_etag.rb: "set etag if none is set if status is 200", default cache-control, "not change etag if it is already set", "not set etag if a status is not 200 or 201")
#
# request: GET /
# expect-status: 200
# expect-header: ETag: W/"dffd6021bb2bd5b0af676290809ec3a5"
# expect-header: Cache-Control: max-age=0, private, must-revalidate
#
# request: GET /tagged
# expect-status: 200
# expect-header: ETag: "abc"
#
# request: GET /missing
# expect-status: 404
# expect-no-header: ETag
use Rack::ETag

get('/') { 'Hello, World!' }
get('/tagged') { headers 'ETag' => '"abc"'; 'Hello, World!' }
