# compat: protection/http_origin  (source: sinatra rack-protection/spec/lib/rack/protection/http_origin_spec.rb: accepts no Origin and safe methods; denies POST/PUT/DELETE from another origin; accepts permitted_origins and the app's own base URL)
#
# request: POST /
# expect-status: 200
# expect-body: ok
#
# request: GET /
# request-header: Origin: http://malicious.com
# expect-status: 200
#
# request: POST /
# request-header: Origin: http://malicious.com
# expect-status: 403
# expect-body: Forbidden
#
# request: DELETE /
# request-header: Origin: http://malicious.com
# expect-status: 403
#
# request: PUT /
# request-header: Origin: http://www.friend.com
# expect-status: 200
#
# request: POST /
# request-header: Origin: http://example.org
# expect-status: 200
set :protection, false
use Rack::Protection::HttpOrigin, permitted_origins: ['http://www.friend.com']

%w[get post put delete].each { |verb| send(verb, '/') { 'ok' } }
