# compat: rack_utils/byte_ranges  (source: rack test/spec_utils.rb "get_byte_ranges": parse simple / several / truncate / ignore invalid)
#
# request: GET /
# expect-status: 200
# expect-body: [123..456]|[123..499]|[400..499]|[0..0]|[500..600, 601..999]|[123..499]|[]|[0..499]|nil|nil|nil|nil|[]|nil|[0..0]
require 'rack'

get '/' do
  u = Rack::Utils
  [u.get_byte_ranges('bytes=123-456', 500), u.get_byte_ranges('bytes=123-', 500), u.get_byte_ranges('bytes=-100', 500),
   u.get_byte_ranges('bytes=0-0', 500), u.get_byte_ranges('bytes=500-600,601-999', 1000),
   u.get_byte_ranges('bytes=123-999', 500), u.get_byte_ranges('bytes=600-999', 500), u.get_byte_ranges('bytes=-999', 500),
   u.get_byte_ranges(nil, 500), u.get_byte_ranges('foobar', 500), u.get_byte_ranges('bytes=123,456', 500),
   u.get_byte_ranges('bytes=456-123', 500), u.byte_ranges({ 'HTTP_RANGE' => 'bytes=0-20,0-500' }, 500),
   u.get_byte_ranges('bytes=0-0,1-1', 500, max_ranges: 1), u.byte_ranges({ 'HTTP_RANGE' => 'bytes=0-0' }, 500, max_ranges: 1)]
    .map(&:inspect).join('|')
end
