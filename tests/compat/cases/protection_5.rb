# compat: protection/default_set  (source: sinatra rack-protection/spec/lib/rack/protection/protection_spec.rb and frame_options_spec, xss_header_spec, ip_spoofing_spec, path_traversal_spec: `use Rack::Protection` with the defaults, after a session middleware; :except)
#
# request: GET /page
# expect-status: 200
# expect-header: X-Frame-Options: SAMEORIGIN
# expect-header: X-XSS-Protection: 1; mode=block
# expect-header: X-Content-Type-Options: nosniff
#
# request: GET /page
# request-header: X-Forwarded-For: 1.2.3.4
# request-header: X-Real-IP: 5.6.7.8
# expect-status: 403
#
# request: GET /page
# request-header: X-Forwarded-For: 1.2.3.4, 5.6.7.8
# request-header: X-Real-IP: 5.6.7.8
# expect-status: 200
#
# request: GET /x/%2e%2e/path
# expect-status: 200
# expect-body: /path
#
# request: GET /json
# request-header: Referer: http://evil.com
# expect-status: 200
set :protection, false
# RemoteToken and SessionHijacking (in the default set) need a session.
use Rack::Session::Cookie, secret: 's' * 64
use Rack::Protection, except: :json_csrf

get('/page') { '<p>page</p>' }
get('/path') { request.path_info }
get('/json') { content_type :json; '[]' }
