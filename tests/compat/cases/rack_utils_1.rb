# compat: rack_utils/escape_unescape  (source: rack test/spec_utils.rb "escape correctly", "unescape correctly", "escape path spaces with %20", "escape objects that responds to to_s")
#
# request: GET /
# expect-status: 200
# expect-body-json: "fo%3Co%3Ebar|a+space|q1%212%22%27w%245%267%2Fz8%29%3F%5C|%E3%81%BE%E3%81%A4+%E3%82%82%E3%81%A8|id|foo%20bar|fo<o>bar|a space|a space|q1!2\"'w$5&7/z8)?\\"
require 'rack'

get '/' do
  [Rack::Utils.escape('fo<o>bar'), Rack::Utils.escape('a space'), Rack::Utils.escape("q1!2\"'w$5&7/z8)?\\"),
   Rack::Utils.escape("\xE3\x81\xBE\xE3\x81\xA4 \xE3\x82\x82\xE3\x81\xA8"), Rack::Utils.escape(:id),
   Rack::Utils.escape_path('foo bar'), Rack::Utils.unescape('fo%3Co%3Ebar'), Rack::Utils.unescape('a+space'),
   Rack::Utils.unescape('a%20space'), Rack::Utils.unescape('q1%212%22%27w%245%267%2Fz8%29%3F%5C')].join('|')
end
