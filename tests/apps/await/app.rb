# Kiln.await inside every kind of block a route might use (tests/node/await.test.mjs).
def w(x) = Kiln.await(:echo, x)

CASES = {
  'each' => -> { r = []; [1, 2].each { |x| r << w(x) }; r },
  'map' => -> { [1, 2].map { |x| w(x) } },
  'times' => -> { r = []; 2.times { |i| r << w(i) }; r },
  'each_with_index' => -> { r = []; [5].each_with_index { |x, i| r << w(x + i) }; r },
  'hash_each' => -> { r = []; { a: 1 }.each { |_k, v| r << w(v) }; r },
  'select' => -> { [1, 2, 3].select { |x| w(x).odd? } },
  'inject' => -> { [1, 2].inject(0) { |a, x| a + w(x) } },
  'sort_by' => -> { [2, 1].sort_by { |x| w(x) } },
  'loop' => -> { n = 0; loop { n += w(1); break if n > 1 }; n },
  'each_char' => -> { 'ab'.each_char.map { |c| w(c) } },
  'upto' => -> { r = []; 1.upto(2) { |i| r << w(i) }; r },
  'each_slice' => -> { r = []; [1, 2, 3].each_slice(2) { |s| r << w(s.size) }; r },
  'proc_call' => -> { pr = proc { |x| w(x) }; pr.call(3) },
  'instance_eval' => -> { Object.new.instance_eval { w(4) } },
  'define_method' => -> { o = Object.new; o.define_singleton_method(:z) { w(7) }; o.z },
  'nested_fiber' => -> { f = Fiber.new { Fiber.yield 1; 2 }; [f.resume, w(5), f.resume] },
  'enumerator_next' => -> { e = [1, 2].each; [w(e.next), e.next] },
  'hash_default' => -> { Hash.new { |_h, k| w(k) }[:x] },
}

get '/await/:name' do
  CASES.fetch(params[:name]).call.inspect
rescue Kiln::AwaitError => e
  "AwaitError: #{e.message}"
end
