# compat: rack_utils/parse_query  (source: rack test/spec_utils.rb "parse query strings correctly", "parse nested query strings correctly")
#
# request: GET /flat
# expect-status: 200
# expect-body-json: "{\"foo\" => \"bar\"}|{\"foo\" => [\"bar\", \"quux\"]}|{\"my weird field\" => \"q1!2\\\"'w$5&7/z8)?\"}|{\"foo=baz\" => \"bar\"}|{\"\" => \"value\"}|{\"key\" => nil}|{\"a[]\" => [\"1\", \"2\"]}"
#
# request: GET /nested
# expect-status: 200
# expect-body-json: "{\"foo\" => nil}|{\"foo\" => \"\"}|{\"foo\" => \"quux\"}|{\"foo\" => [\"bar\"]}|{\"x\" => {\"y\" => {\"z\" => [\"1\", \"2\"]}}}|{\"x\" => {\"y\" => [{\"z\" => \"1\", \"w\" => \"a\"}, {\"z\" => \"2\", \"w\" => \"3\"}]}}"
require 'rack'

# Hash#inspect as Ruby 3.4 prints it, whatever the engine's own spelling.
def show(value)
  case value
  when Hash then "{#{value.map { |k, v| "#{show(k)} => #{show(v)}" }.join(', ')}}"
  when Array then "[#{value.map { |v| show(v) }.join(', ')}]"
  else value.inspect
  end
end

get '/flat' do
  [Rack::Utils.parse_query('foo=bar'), Rack::Utils.parse_query('foo=bar&foo=quux'),
   Rack::Utils.parse_query('my+weird+field=q1%212%22%27w%245%267%2Fz8%29%3F'),
   Rack::Utils.parse_query('foo%3Dbaz=bar'), Rack::Utils.parse_query('=value'), Rack::Utils.parse_query('&key&'),
   Rack::Utils.parse_query('a[]=1&a[]=2')].map { |h| show(h) }.join('|')
end

get '/nested' do
  [Rack::Utils.parse_nested_query('foo'), Rack::Utils.parse_nested_query('foo='),
   Rack::Utils.parse_nested_query('foo=bar&foo=quux'), Rack::Utils.parse_nested_query('foo[]=bar'),
   Rack::Utils.parse_nested_query('x[y][z][]=1&x[y][z][]=2'),
   Rack::Utils.parse_nested_query('x[y][][z]=1&x[y][][w]=a&x[y][][z]=2&x[y][][w]=3')].map { |h| show(h) }.join('|')
end
