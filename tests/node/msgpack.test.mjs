// Kiln's MessagePack library (ruby/kiln/lib/msgpack.rb, bundled on
// require 'msgpack'): the spec's vectors byte-exact, 10 000 seeded random
// values cross-checked both ways against @msgpack/msgpack, every truncation
// of a set of documents and random bytes refused cleanly, and the limits.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Decoder, Encoder, ExtData } from '@msgpack/msgpack';
import { decode as decodeKiln } from '../../js/worker/codec.js';
import { loadTempApp } from '../support/helpers.mjs';

// The spec's formats, one family after another (msgpack/spec.md; the
// boundary values are msgpack-c's test cases). [Ruby value, Ruby expression
// of the hex bytes]: packing gives exactly these bytes, unpacking them gives
// the value back.
const VECTORS = [
  ['nil', "'c0'"], ['false', "'c2'"], ['true', "'c3'"],
  // positive fixint, uint 8/16/32/64
  ['0', "'00'"], ['1', "'01'"], ['127', "'7f'"], ['128', "'cc80'"], ['255', "'ccff'"], ['256', "'cd0100'"],
  ['65535', "'cdffff'"], ['65536', "'ce00010000'"], ['4294967295', "'ceffffffff'"],
  ['4294967296', "'cf0000000100000000'"], ['9223372036854775807', "'cf7fffffffffffffff'"],
  // negative fixint, int 8/16/32/64
  ['-1', "'ff'"], ['-32', "'e0'"], ['-33', "'d0df'"], ['-128', "'d080'"], ['-129', "'d1ff7f'"],
  ['-32768', "'d18000'"], ['-32769', "'d2ffff7fff'"], ['-2147483648', "'d280000000'"],
  ['-2147483649', "'d3ffffffff7fffffff'"], ['-9223372036854775808', "'d38000000000000000'"],
  // float 64 (Floats always pack as float 64)
  ['0.0', "'cb0000000000000000'"], ['1.5', "'cb3ff8000000000000'"], ['-2.5', "'cbc004000000000000'"],
  ['Float::INFINITY', "'cb7ff0000000000000'"], ['1.0e+300', "'cb7e37e43c8800759c'"],
  // fixstr, str 8/16/32 (lengths in bytes)
  ["''", "'a0'"], ["'a'", "'a161'"], ['"\\u00e9"', "'a2c3a9'"], ["'x' * 31", "'bf' + '78' * 31"],
  ["'x' * 32", "'d920' + '78' * 32"], ["'x' * 255", "'d9ff' + '78' * 255"], ["'x' * 256", "'da0100' + '78' * 256"],
  ["'x' * 65535", "'daffff' + '78' * 65535"], ["'x' * 65536", "'db00010000' + '78' * 65536"],
  // bin 8/16/32: Kiln::Bytes, whatever the content
  ["''.b", "'c400'"], ["'abc'.b", "'c403616263'"], ["\"\\0\" * 4", "'a400000000'"], ["(\"\\0\" * 4).b", "'c40400000000'"],
  ["('x' * 255).b", "'c4ff' + '78' * 255"], ["('x' * 256).b", "'c50100' + '78' * 256"],
  ["('x' * 65535).b", "'c5ffff' + '78' * 65535"], ["('x' * 65536).b", "'c600010000' + '78' * 65536"],
  // fixarray, array 16/32
  ['[]', "'90'"], ['[1]', "'9101'"], ['[nil, true, false]', "'93c0c3c2'"], ['[0] * 15', "'9f' + '00' * 15"],
  ['[0] * 16', "'dc0010' + '00' * 16"], ['[0] * 65535', "'dcffff' + '00' * 65535"],
  ['[0] * 65536', "'dd00010000' + '00' * 65536"], ['[[[]]]', "'919190'"],
  // fixmap, map 16/32 (order kept)
  ['{}', "'80'"], ["{ 'a' => 1 }", "'81a16101'"], ["{ 1 => 'a', nil => [] }", "'8201a161c090'"],
  ["(0...15).map { |i| [i, i] }.to_h", "'8f' + (0...15).map { |i| '%02x' % i * 2 }.join"],
  ["(0...16).map { |i| [i, i] }.to_h", "'de0010' + (0...16).map { |i| '%02x' % i * 2 }.join"],
  ["(0...65536).map { |i| [i, nil] }.to_h", "'df00010000' + (0...65536).map { |i| MessagePack.pack(i).unpack1('H*') + 'c0' }.join"],
  ["{ 'b'.b.freeze => 'b' }", "'81c40162a162'"],
  // fixext 1/2/4/8/16, ext 8/16/32
  ["X.new(1, 'a'.b)", "'d40161'"], ["X.new(2, 'ab'.b)", "'d5026162'"], ["X.new(-2, 'abcd'.b)", "'d6fe61626364'"],
  ["X.new(127, ('x' * 8).b)", "'d77f' + '78' * 8"], ["X.new(-128, ('x' * 16).b)", "'d880' + '78' * 16"],
  ["X.new(5, ''.b)", "'c70005'"], ["X.new(5, 'abc'.b)", "'c70305616263'"], ["X.new(5, ('x' * 255).b)", "'c7ff05' + '78' * 255"],
  ["X.new(5, ('x' * 256).b)", "'c8010005' + '78' * 256"], ["X.new(5, ('x' * 65536).b)", "'c90001000005' + '78' * 65536"],
  // the timestamp extension (-1) 32 / 64 / 96, as Time
  // (seconds within 32 bits: Kiln's wasm mruby has a 32-bit time_t)
  ['Time.at(0).utc', "'d6ff00000000'"], ['Time.at(2147483647).utc', "'d6ff7fffffff'"],
  ['Time.at(1, 500_000).utc', "'d7ff' + [500_000_000 << 2, 1].pack('NN').unpack1('H*')"],
  ['Time.at(2147483647, 1).utc', "'d7ff00000fa07fffffff'"],
  ['Time.at(-1).utc', "'c70cff' + '00000000' + 'ffffffffffffffff'"],
  ['Time.at(-1, 999_999).utc', "'c70cff' + '3b9ac618' + 'ffffffffffffffff'"],
];

// Decoding only: formats a minimal encoder never writes, and symbols.
const DECODE_ONLY = [
  ['1', "'cc01'"], ['0', "'d000'"], ['-1', "'d3ffffffffffffffff'"], ['127', "'cf000000000000007f'"],
  ['1.5', "'ca3fc00000'"], ['-0.25', "'cabe800000'"], ["'a'", "'d90161'"], ["'a'", "'db0000000161'"],
  ['[]', "'dc0000'"], ['[1]', "'dd0000000101'"], ['{}', "'de0000'"], ['{}', "'df00000000'"],
  ["'a'.b", "'c60000000161'"], ['Time.at(1).utc', "'d7ff0000000000000001'"], ['Time.at(1).utc', "'c70cff000000000000000000000001'"],
];
const PACK_ONLY = [[':a', "'a161'"], ["{ a: :b }", "'81a161a162'"], ['1.5.to_msgpack', "'c4' + '09' + 'cb3ff8000000000000'"]];

const rubyList = (rows) => `[\n${rows.map(([v, h]) => `  [${JSON.stringify(v)}, (${v}), [${h}].pack('H*')],`).join('\n')}\n]`;

const APP = `
require 'msgpack'
set :cpu_budget, 0
X = MessagePack::ExtensionValue

VECTORS = ${rubyList(VECTORS)}
DECODE_ONLY = ${rubyList(DECODE_ONLY)}
PACK_ONLY = ${rubyList(PACK_ONLY.slice(0, 2))}

def same?(a, b)
  a == b && a.class == b.class && (!a.is_a?(Float) || (1.0 / a) == (1.0 / b) || a.nan?)
end

get '/vectors' do
  bad = []
  VECTORS.each do |src, value, bytes|
    packed = MessagePack.pack(value)
    bad << "pack #{src}: #{packed.unpack1('H*')[0, 80]}" unless packed == bytes && packed.binary?
    bad << "unpack #{src}" unless same?(MessagePack.unpack(bytes), value)
  end
  DECODE_ONLY.each { |src, value, bytes| bad << "unpack #{src} from #{bytes.unpack1('H*')}" unless same?(MessagePack.unpack(bytes), value) }
  PACK_ONLY.each { |src, value, bytes| bad << "pack #{src}" unless MessagePack.pack(value) == bytes }
  bad << 'to_msgpack' unless [1, 'a'].to_msgpack == MessagePack.pack([1, 'a']) && nil.to_msgpack == "\\xc0".b
  bad << 'str class' unless MessagePack.unpack("\\xa1a").instance_of?(String)
  bad << 'bin class' unless MessagePack.unpack("\\xc4\\x01a").instance_of?(Kiln::Bytes)
  bad << 'float32' unless MessagePack.unpack(['ca', [3.25].pack('g').unpack1('H*')].join.then { |h| [h].pack('H*') }) == 3.25
  bad << 'symbolize' unless MessagePack.unpack("\\x81\\xa1a\\x01", symbolize_keys: true) == { a: 1 }
  bad << 'load/dump' unless MessagePack.load(MessagePack.dump([1])) == [1]
  bad.join("\\n")
end

# Each document unpacked, then packed again: [repacked bytes, the value as
# the bridge carries it (ext and Time as tagged Hashes)].
def bridge(v)
  case v
  when Array then v.map { |x| bridge(x) }
  when Hash then v.each_with_object({}) { |(k, x), h| h[k] = bridge(x) }
  when MessagePack::ExtensionValue then { '__ext' => v.type, 'data' => v.payload }
  when Time then { '__time' => [v.to_i, v.usec] }
  else v
  end
end

get '/roundtrip' do
  docs = Kiln.await(:docs)
  Kiln.await(:results, docs.map { |d| v = MessagePack.unpack(d); [MessagePack.pack(v), bridge(v)] })
  'ok'
end

# Random values made in Ruby (seeded), packed: [bytes, bridged value].
def random_value(r, depth)
  case depth < 3 ? r.rand(12) : r.rand(8)
  when 0 then [nil, true, false][r.rand(3)]
  when 1 then r.rand(256) - 128
  when 2 then r.rand(1 << 40) - (1 << 39)
  when 3 then [r.rand(1 << 62) * (r.rand(2) == 0 ? 1 : -1), 9223372036854775807, -9223372036854775808][r.rand(3)]
  when 4 then (r.rand - 0.5) * 10.0**(r.rand(40) - 20)
  when 5 then Array.new(r.rand(40)) { 'aé€😀'[r.rand(4)] }.join
  when 6 then Array.new(r.rand(300)) { r.rand(256) }.pack('C*').b
  when 7 then Time.at(r.rand(1 << 32) - (1 << 31), r.rand(1000) * 1000).utc
  when 8, 9 then Array.new(r.rand(depth == 0 ? 20 : 6)) { random_value(r, depth + 1) }
  else Array.new(r.rand(18)) { ["k#{r.rand(1000)}", random_value(r, depth + 1)] }.to_h
  end
end

get '/random/:seed/:n' do
  r = Random.new(params[:seed].to_i)
  out = Array.new(params[:n].to_i) { v = random_value(r, 0); [MessagePack.pack(v), bridge(v)] }
  Kiln.await(:results, out)
  'ok'
end

# [class of what unpack raised (or 'ok'), its message] per document.
get '/refuse' do
  docs = Kiln.await(:docs)
  limits = Kiln.await(:limits) || {}
  out = docs.map do |d|
    v = MessagePack.unpack(d, **limits.each_with_object({}) { |(k, x), h| h[k.to_sym] = x })
    again = MessagePack.unpack(MessagePack.pack(v))
    ['ok', (again == v || again.inspect == v.inspect) ? '' : 'repack differs']
  rescue StandardError => e
    [e.class.name, e.message]
  end
  Kiln.await(:results, out)
  'ok'
end
`;

// A seeded PRNG (mulberry32): the same 10 000 values every run.
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Random JS values in the types both sides share. Integers: Numbers in
// [-2**31, 2**32), BigInts beyond (BigInt mode encodes a Number >= 2**32 as
// a float, and every BigInt as 64-bit, so these are the minimal forms).
function randomValue(rand, depth = 0) {
  const int = (n) => Math.floor(rand() * n);
  const chars = ['a', 'Z', '0', ' ', 'é', '€', '😀', '\n', '\u0000'];
  switch (int(depth < 3 ? 12 : 8)) {
    case 0: return [null, true, false][int(3)];
    case 1: return int(512) - 256;
    case 2: return int(2 ** 32 + 2 ** 31) - 2 ** 31;
    case 3: {
      const big = (BigInt(int(2 ** 31)) * 2n ** 32n + BigInt(int(2 ** 32))) >> BigInt(int(31));  // < 2**62
      return [big + 2n ** 32n, -big - 2n ** 31n - 1n, 2n ** 63n - 1n, -(2n ** 63n)][rand() < 0.02 ? 2 + int(2) : int(2)];
    }
    case 4: return [(rand() - 0.5) * 10 ** (int(40) - 20), NaN, Infinity, -Infinity, 0.1][int(5)];
    case 5: return Array.from({ length: int(rand() < 0.1 ? 300 : 40) }, () => chars[int(chars.length)]).join('');
    case 6: return Uint8Array.from({ length: int(rand() < 0.005 ? 70000 : 300) }, () => int(256));
    case 7: return rand() < 0.5 ? new ExtData(rand() < 0.5 ? int(128) : -2 - int(127), Uint8Array.from({ length: [0, 1, 2, 3, 4, 8, 16, 17][int(8)] }, () => int(256)))
      : new Date((int(2 ** 32) - 2 ** 31) * 1000 + int(1000));  // within Time's 32-bit seconds
    case 8: case 9: return Array.from({ length: int(depth === 0 ? 20 : 6) + (rand() < 0.05 ? 20 : 0) }, () => randomValue(rand, depth + 1));
    default: {
      const o = {};
      for (let i = int(rand() < 0.05 ? 40 : 16); i > 0; i--) o[`k${int(1000)}`] = randomValue(rand, depth + 1);
      return o;
    }
  }
}

// Both sides' values in one shape: safe BigInts as Numbers, ext and dates as
// the tagged objects the Ruby route's bridge() makes.
function norm(v) {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (v instanceof Uint8Array) return v;
  if (v instanceof ExtData) return { __ext: v.type, data: v.data };
  if (v instanceof Date) {
    const ms = v.getTime(), sec = Math.floor(ms / 1000);
    return { __time: [sec, (ms - sec * 1000) * 1000] };
  }
  if (Array.isArray(v)) return v.map(norm);
  if (v && typeof v === 'object') {
    if ('__ext' in v) return { __ext: v.__ext, data: v.data };
    if ('__time' in v) return { __time: v.__time.map(norm) };
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
  }
  return v;
}

const encoder = new Encoder({ useBigInt64: true });
const decoder = () => new Decoder({ useBigInt64: true });
const hex = (b) => Buffer.from(b).toString('hex');

let io;  // what the current request's docs / limits ops hand Ruby, and its results
async function load() {
  const { app, dir } = await loadTempApp({ 'app.rb': APP }, {
    emulate: true,  // (extra operations need the node runtime)
    operations: () => ({
      docs: async () => io.docs,
      limits: async () => io.limits ?? null,
      results: async ([r]) => { io.results = r; return null; },
    }),
  });
  const run = async (url, docs, limits) => {
    io = { docs, limits };
    const res = await app.fetch(new Request(`http://x${url}`));
    assert.equal(await res.text(), 'ok');
    return io.results;
  };
  return { app, dir, run };
}
const loaded = load();

test('the spec vectors, byte-exact both ways', async () => {
  const { app } = await loaded;
  const res = await app.fetch(new Request('http://x/vectors'));
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
});

test('10 000 random values from @msgpack/msgpack: unpacked in Ruby and packed again, byte-exact and equal', async () => {
  const { run } = await loaded;
  const rand = prng(20240518);
  for (let batch = 0; batch < 20; batch++) {
    const values = Array.from({ length: 500 }, () => randomValue(rand));
    const docs = values.map((v) => encoder.encode(v));
    const results = await run('/roundtrip', docs);
    for (let i = 0; i < values.length; i++) {
      const [repacked, value] = results[i];
      assert.equal(hex(repacked), hex(docs[i]), `document ${batch * 500 + i} repacked differently`);
      assert.deepEqual(norm(value), norm(values[i]), `document ${batch * 500 + i} unpacked differently`);
    }
  }
});

test('10 000 random values packed in Ruby: @msgpack/msgpack decodes each to the same value', async () => {
  const { run } = await loaded;
  for (let seed = 1; seed <= 20; seed++) {
    const results = await run(`/random/${seed}/500`);
    for (const [i, [packed, value]] of results.entries()) {
      assert.ok(packed instanceof Uint8Array);
      assert.deepEqual(norm(decoder().decode(packed)), norm(value), `seed ${seed} value ${i}: ${hex(packed).slice(0, 120)}`);
    }
  }
});

// Documents whose every proper prefix must be refused as truncated.
const DOCUMENTS = [
  { a: [1, -1, 300, -300, 70000, 2n ** 40n, -(2n ** 40n)], b: 'héllo'.repeat(10), c: new Uint8Array(300), d: [null, true, false, 1.5] },
  Array.from({ length: 20 }, (_, i) => ({ [`k${i}`]: 'x'.repeat(i * 20) })),
  [new ExtData(3, new Uint8Array(3)), new ExtData(-5, new Uint8Array(16)), new Date(1.5e12), new Date(-1)],
  'x'.repeat(70000), new Uint8Array(70000), 2n ** 63n - 1n, -(2n ** 63n), 3.25, 'é',
];

test('every truncation of a set of documents is a MalformedFormatError, and so is trailing data', async () => {
  const { run } = await loaded;
  for (const doc of DOCUMENTS) {
    const bytes = encoder.encode(doc);
    // All prefixes of the small ones; of a big one, its first 300 and a stride.
    const cuts = [];
    for (let n = 0; n < bytes.length; n += bytes.length > 2000 && n >= 300 ? 997 : 1) cuts.push(n);
    cuts.push(bytes.length - 1);
    const docs = cuts.map((n) => bytes.subarray(0, n));
    docs.push(Uint8Array.from([...bytes, 0xc0]));
    const results = await run('/refuse', docs);
    for (const [i, [klass, message]] of results.entries()) {
      assert.equal(klass, 'MessagePack::MalformedFormatError', `cut ${cuts[i] ?? 'trailing'} of ${hex(bytes).slice(0, 40)}: ${message}`);
    }
    assert.match(results.at(-1)[1], /^1 extra bytes after the deserialized object$/);
  }
});

test('random bytes: a value that repacks, or an UnpackError; never a hang or a huge allocation', async () => {
  const { run } = await loaded;
  const rand = prng(7);
  const docs = Array.from({ length: 3000 }, () => Uint8Array.from({ length: Math.floor(rand() * 40) }, () => Math.floor(rand() * 256)));
  // Headers declaring up to 4 GiB of content with none of it present.
  for (const h of ['c4ff', 'c5ffff', 'c6ffffffff', 'd9ff', 'daffff', 'dbffffffff', 'dcffff', 'ddffffffff', 'deffff',
    'dfffffffff', 'c7ff01', 'c8ffff01', 'c9ffffffff01', 'dd7fffffff' + '00'.repeat(64)]) docs.push(Buffer.from(h, 'hex'));
  const started = Date.now();
  const results = await run('/refuse', docs);
  assert.ok(Date.now() - started < 30_000);
  const seen = new Set();
  for (const [i, [klass, message]] of results.entries()) {
    seen.add(klass);
    assert.ok(['ok', 'MessagePack::MalformedFormatError', 'MessagePack::StackError', 'MessagePack::UnpackError'].includes(klass),
      `${hex(docs[i])}: ${klass}: ${message}`);
    if (klass === 'ok') assert.equal(message, '', hex(docs[i]));
  }
  assert.ok(seen.has('ok') && seen.has('MessagePack::MalformedFormatError'));
  for (const [klass] of results.slice(3000)) assert.equal(klass, 'MessagePack::MalformedFormatError');
});

test('max_depth and max_collection: clear errors, checked before building', async () => {
  const { run } = await loaded;
  const nested = (n) => Buffer.from('91'.repeat(n) + 'c0', 'hex');
  let r = await run('/refuse', [nested(31), nested(32), nested(33), Buffer.from('81'.repeat(40) + 'c0', 'hex')]);
  assert.deepEqual(r.slice(0, 2).map(([k]) => k), ['ok', 'ok']);
  assert.deepEqual(r[2], ['MessagePack::StackError', 'MessagePack nested deeper than max_depth (32)']);
  assert.equal(r[3][0], 'MessagePack::StackError');  // keys nest too
  r = await run('/refuse', [nested(3), Buffer.from('93010203', 'hex'), Buffer.from('92' + '9401020304' + '90', 'hex'), Buffer.from('82a161c0a162c0', 'hex')],
    { max_depth: 2, max_collection: 3 });
  assert.deepEqual(r[0], ['MessagePack::StackError', 'MessagePack nested deeper than max_depth (2)']);
  assert.deepEqual(r[1], ['ok', '']);
  assert.deepEqual(r[2], ['MessagePack::LimitError', 'MessagePack array of 4 entries is over max_collection (3)']);
  assert.deepEqual(r[3], ['ok', '']);
  // A uint64 over mruby's Integer, the unused 0xc1, a timestamp of a bad size.
  r = await run('/refuse', [Buffer.from('cf8000000000000000', 'hex'), Buffer.from('c1', 'hex'), Buffer.from('d5ff0000', 'hex'),
    Buffer.from('d7ff' + 'ffffffff' + '00000000', 'hex')]);
  assert.deepEqual(r[0], ['MessagePack::UnpackError', "uint64 0x8000000000000000 is over 2**63-1, mruby's largest Integer at byte 1 of 9"]);
  assert.deepEqual(r[1], ['MessagePack::MalformedFormatError', '0xc1 (never used) at byte 0 of 1']);
  assert.deepEqual(r[2], ['MessagePack::MalformedFormatError', 'a timestamp of 2 bytes (4, 8 or 12) at byte 2 of 4']);
  assert.equal(r[3][0], 'MessagePack::MalformedFormatError');
});

test('bundled only on require; without it MessagePack names the require', async () => {
  const { dir } = await loaded;
  const names = decodeKiln(fs.readFileSync(path.join(dir, 'build/app.kbc'))).map(([name]) => name);
  assert.deepEqual(names, ['app.rb', 'kiln/lib/msgpack.rb']);
  const { app, dir: plain } = await loadTempApp({ 'app.rb': "get('/') { begin; MessagePack.pack(1); rescue NameError => e; e.message; end }" });
  assert.deepEqual(decodeKiln(fs.readFileSync(path.join(plain, 'build/app.kbc'))).map(([name]) => name), ['app.rb']);
  assert.equal(await (await app.fetch(new Request('http://x/'))).text(),
    "uninitialized constant MessagePack: add require 'msgpack' (Kiln bundles its MessagePack library only into apps that require it)");
});
