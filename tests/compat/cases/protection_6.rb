# compat: protection/opt_in_headers  (source: sinatra rack-protection/spec/lib/rack/protection/strict_transport_spec.rb, referrer_policy_spec.rb, content_security_policy_spec.rb, escaped_params_spec.rb; :use adds the ones off by default)
#
# request: GET /?q=<b>
# expect-status: 200
# expect-body: &lt;b&gt;
# expect-header: Strict-Transport-Security: max-age=31536000; includeSubDomains
# expect-header: Referrer-Policy: strict-origin-when-cross-origin
# expect-header: Content-Security-Policy: default-src 'self'; img-src 'self' data:
set :protection, false
use Rack::Protection::StrictTransport, include_subdomains: true
use Rack::Protection::ReferrerPolicy
use Rack::Protection::ContentSecurityPolicy, img_src: "'self' data:"
use Rack::Protection::EscapedParams

get('/') { params['q'] }
