# compat: rack_utils/build_query  (source: rack test/spec_utils.rb "build query strings correctly", "build nested query strings correctly")
#
# request: GET /flat
# expect-status: 200
# expect-body: foo=bar|foo=bar&foo=quux|my+weird+field=q1%212%22%27w%245%267%2Fz8%29%3F|foo|foo=|foo=1&foo=2
#
# request: GET /nested
# expect-status: 200
# expect-body: foo|foo=|foo=bar|foo%5B%5D|foo%5B%5D=bar||foo=bar|x%5By%5D%5Bz%5D=1|x%5By%5D%5B%5D%5Bz%5D=1&x%5By%5D%5B%5D%5Bw%5D=2|value must be a Hash
require 'rack'

get '/flat' do
  [Rack::Utils.build_query('foo' => 'bar'), Rack::Utils.build_query('foo' => %w[bar quux]),
   Rack::Utils.build_query('my weird field' => "q1!2\"'w$5&7/z8)?"), Rack::Utils.build_query('foo' => nil),
   Rack::Utils.build_query('foo' => ''), Rack::Utils.build_query('foo' => %w[1 2])].join('|')
end

get '/nested' do
  error = begin
    Rack::Utils.build_nested_query('foo=bar')
  rescue ArgumentError => e
    e.message
  end
  [Rack::Utils.build_nested_query('foo' => nil), Rack::Utils.build_nested_query('foo' => ''),
   Rack::Utils.build_nested_query('foo' => 'bar'), Rack::Utils.build_nested_query('foo' => [nil]),
   Rack::Utils.build_nested_query('foo' => ['bar']), Rack::Utils.build_nested_query('foo' => []),
   Rack::Utils.build_nested_query('foo' => 'bar', 'baz' => {}),
   Rack::Utils.build_nested_query('x' => { 'y' => { 'z' => '1' } }),
   Rack::Utils.build_nested_query('x' => { 'y' => [{ 'z' => '1', 'w' => '2' }] }), error].join('|')
end
