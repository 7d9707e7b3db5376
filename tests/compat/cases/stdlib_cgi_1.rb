# compat: stdlib/cgi_escape  (source: Rack loads cgi/escape; apps escape with CGI)
#
# request: GET /?q=%3Cb%3E%26
# expect-status: 200
# expect-body: &lt;b&gt;&amp; a+b
require 'cgi'
get('/') { "#{CGI.escapeHTML(params[:q])} #{CGI.escape('a b')}" }
