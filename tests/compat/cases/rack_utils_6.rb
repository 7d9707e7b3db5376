# compat: rack_utils/html_compare_cookies  (source: rack test/spec_utils.rb "escape html entities", "secure_compare", "parses cookies", "sets and deletes cookies in header hash")
#
# request: GET /
# request-header: Cookie: foo=bar; quux=h%26m
# expect-status: 200
# expect-body-json: "f&amp;o|f&lt;o|f&#39;o|f&quot;o|&lt;foo&gt;&lt;/foo&gt;|true|false|false|bar|h&m|name=; max-age=0; expires=Thu, 01 Jan 1970 00:00:00 GMT|name=value; max-age=10"
require 'rack'

get '/' do
  header = { 'set-cookie' => nil }
  Rack::Utils.delete_cookie_header!(header, 'name')
  cookies = Rack::Utils.parse_cookies(env)
  [Rack::Utils.escape_html('f&o'), Rack::Utils.escape_html('f<o'), Rack::Utils.escape_html("f'o"),
   Rack::Utils.escape_html('f"o'), Rack::Utils.escape_html('<foo></foo>'),
   Rack::Utils.secure_compare('a', 'a'), Rack::Utils.secure_compare('a', 'b'), Rack::Utils.secure_compare('a', 'bb'),
   cookies['foo'], cookies['quux'], header['set-cookie'],
   Rack::Utils.set_cookie_header('name', value: 'value', max_age: 10)].join('|')
end
