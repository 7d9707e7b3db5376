// MessagePack in Ruby (ruby/kiln/lib/msgpack.rb, pure Ruby over mruby-pack)
// under node's wasm runtime, next to @msgpack/msgpack in the same process:
// EdgeReplica's shapes (§2 of its design: a frame of 256 × 4 KiB pages, and
// 10 000 small maps). Times are measured inside Ruby (no bridge crossing).
// Usage: node bench/msgpack.mjs [ROUNDS] (default 20). Prints a markdown table;
// figures in docs/guide/msgpack.md.
import { performance } from 'node:perf_hooks';
import { decode, encode } from '@msgpack/msgpack';
import { loadTempApp } from '../tests/support/helpers.mjs';

const ROUNDS = Number(process.argv[2] ?? 20);

const APP = `
require 'msgpack'
set :cpu_budget, 0
PAGE = Array.new(4096) { |i| (i * 7) & 0xff }.pack('C*').b
FRAME = { 't' => 'PAGES', 'gen' => 7, 'pages' => Array.new(256) { |i| [i + 1, PAGE] } }
MAPS = Array.new(10_000) { |i| { 'id' => i, 'name' => "user#{i}", 'ok' => i.odd?, 'score' => i * 0.5 } }

def ms
  t = Time.now
  yield
  (Time.now - t) * 1000.0
end

get '/:what/:rounds' do
  value = params[:what] == 'frame' ? FRAME : MAPS
  bytes = MessagePack.pack(value)
  raise 'roundtrip' unless MessagePack.unpack(bytes) == value
  n = params[:rounds].to_i
  pack = ms { n.times { MessagePack.pack(value) } } / n
  unpack = ms { n.times { MessagePack.unpack(bytes) } } / n
  JSON.generate(bytes: bytes.bytesize, pack: pack, unpack: unpack)
end
`;

const { app } = await loadTempApp({ 'app.rb': APP });
const page = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) & 0xff);
const js = {
  frame: { t: 'PAGES', gen: 7, pages: Array.from({ length: 256 }, (_, i) => [i + 1, page]) },
  maps: Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `user${i}`, ok: i % 2 === 1, score: i * 0.5 })),
};
const time = (n, f) => { const t = performance.now(); for (let i = 0; i < n; i++) f(); return (performance.now() - t) / n; };

console.log('| value | bytes | Ruby pack (ms) | Ruby unpack (ms) | @msgpack/msgpack encode (ms) | decode (ms) |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [what, label] of [['frame', '256 × 4 KiB bin pages'], ['maps', '10 000 small maps']]) {
  await app.fetch(new Request(`http://x/${what}/1`));  // warm-up
  const r = JSON.parse(await (await app.fetch(new Request(`http://x/${what}/${ROUNDS}`))).text());
  const bytes = encode(js[what]);
  time(3, () => decode(encode(js[what])));
  const enc = time(ROUNDS, () => encode(js[what]));
  const dec = time(ROUNDS, () => decode(bytes));
  console.log(`| ${label} | ${r.bytes} | ${r.pack.toFixed(2)} | ${r.unpack.toFixed(2)} | ${enc.toFixed(2)} | ${dec.toFixed(2)} |`);
}
