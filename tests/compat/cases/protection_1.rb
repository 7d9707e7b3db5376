# compat: protection/json_csrf  (source: sinatra rack-protection/spec/lib/rack/protection/json_csrf_spec.rb: denies GETs of JSON with a remote referrer; accepts a local referrer, XHR, an Origin header, allow_if, non-JSON)
#
# request: GET /json
# request-header: Referer: http://evil.com
# expect-status: 403
# expect-body: Forbidden
# expect-header: Content-Type: text/plain
#
# request: GET /json
# request-header: Referer: http://example.org/page
# expect-status: 200
# expect-body: {"ok":true}
#
# request: GET /json
# request-header: Referer: http://evil.com
# request-header: X-Requested-With: XMLHttpRequest
# expect-status: 200
#
# request: GET /json
# request-header: Referer: http://good.com
# request-header: Origin: http://good.com
# expect-status: 200
#
# request: GET /json
# request-header: Referer: http://trusted.example.net
# expect-status: 200
#
# request: GET /html
# request-header: Referer: http://evil.com
# expect-status: 200
# expect-body: <p>hi</p>
set :protection, false
use Rack::Protection::JsonCsrf, allow_if: ->(env) { env['HTTP_REFERER'] == 'http://trusted.example.net' }

get('/json') { content_type :json; '{"ok":true}' }
get('/html') { '<p>hi</p>' }
