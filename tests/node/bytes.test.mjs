// Kiln::Bytes (ruby/kiln/boot/bytes.rb) across the bridge (src/core/codec.cpp,
// js/worker/codec.js): a binary String is bytes on the JS side whatever its
// content, JS bytes come back as Kiln::Bytes, and the String rules
// (docs/guide/binary.md) hold; HTTP bodies stay plain Strings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTempApp } from '../support/helpers.mjs';

const APP = `
require 'json'
# What JS saw of each value Ruby sent, and what Ruby got back.
get '/bridge' do
  seen = Kiln.await(:probe, ['abc'.b, 'abc', "\\0\\0\\0\\0".b, "\\xff", { 'k' => 'v'.b }])
  back = Kiln.await(:give)
  JSON.generate(seen: seen, back: back.map { |v| [v.class.name, v.binary?] })
end

get '/kv' do
  bindings.CACHE.put('k', 'abc'.b)
  bin = bindings.CACHE.get('k', type: :binary)
  text = bindings.CACHE.get('k')
  JSON.generate(bin: [bin.class.name, bin], text: [text.class.name, text])
end

get '/r2' do
  bindings.FILES.put('f', "caf\\u00e9".b)
  obj = bindings.FILES.get('f')
  JSON.generate(body: obj.body.class.name, size: obj.body.size, text: obj.text.class.name, text_size: obj.text.size)
end

# BLOBs through emulated D1: a zero page and an ASCII-only blob bind and read back as BLOB.
get '/d1' do
  db = bindings.DB
  db.exec('CREATE TABLE IF NOT EXISTS t (v)')
  ["\0\0\0\0".b, 'abc'.b, 'abc'].each { |v| db.prepare('INSERT INTO t VALUES (?)').bind(v).run }
  rows = db.prepare('SELECT typeof(v) AS type, v FROM t').all[:results]
  again = rows[0]['v']
  db.prepare('INSERT INTO t VALUES (?)').bind(again).run
  JSON.generate(db.prepare('SELECT typeof(v) AS type FROM t').all[:results].map { |r| r['type'] } +
                rows.map { |r| r['v'].class.name })
end

post '/body' do
  body = request.body.read
  JSON.generate(klass: body.class.name, binary: body.binary?, size: body.bytesize)
end

get '/fetch' do
  res = Kiln::HTTP.fetch('https://example.org/x')
  JSON.generate(klass: res.body.class.name, text: res.body, length: res.body.length)
end

get '/rules' do
  b = "h\\u00e9llo".b   # 6 bytes, valid UTF-8
  lit = 'lit'.freeze
  out = {
    class: b.class.name, binary: b.binary?, plain_binary: 'x'.binary?, is_string: b.is_a?(String),
    eq: b == "h\\u00e9llo", eq_rev: "h\\u00e9llo" == b, eql: b.eql?("h\\u00e9llo"), hash_key: { "h\\u00e9llo" => 1 }[b],
    length: b.length, size: b.size, bytesize: b.bytesize, plain_length: "h\\u00e9llo".length,
    index: b[1].bytes, slice: b[1, 2].bytes, range: b[0..1].class.name, byteslice: b.byteslice(0, 1).class.name,
    plus: (b + 'x').class.name, plus_rev: ('x' + b).class.name, times: (b * 2).class.name,
    to_s: b.to_s.class.name, to_s_same: b.to_s.equal?(b), interp: "#{b}!".class.name, dup: b.dup.class.name,
    b_again: b.b.class.name, text: String.new(b).class.name, text_length: String.new(b).length,
    frozen_lit_b: [lit.b.class.name, lit.b.frozen?, lit.frozen?], frozen_b: b.freeze.frozen?,
    append: ''.b.tap { |s| s << 'a' << "\\u00e9" }.then { |s| [s.class.name, s.length] },
    json: JSON.generate(['ab'.b]), json_invalid: (begin; JSON.generate(["\\xff".b]); rescue JSON::GeneratorError => e; e.class.name; end),
    inspect: "a\\"\\n\\x00\\xff\\u00e9".b.inspect, inspect_plain: 'ab'.b.inspect, gsub: b.gsub('l', 'L').class.name,
  }
  JSON.generate(out)
end
`;

const TOML = `
kv_namespaces = [{ binding = "CACHE", id = "x" }]
r2_buckets = [{ binding = "FILES", bucket_name = "files" }]
d1_databases = [{ binding = "DB", database_name = "db", database_id = "x" }]
`;

const operations = () => ({
  async probe([values]) {
    const describe = (v) => (v instanceof Uint8Array ? ['bytes', [...v]] : typeof v === 'string' ? ['string', v]
      : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, describe(x)])));
    return values.map(describe);
  },
  async give() { return [new TextEncoder().encode('abc'), 'abc', new Uint8Array(0), new ArrayBuffer(2)]; },
  async fetch() { return { status: 200, url: 'https://example.org/x', headers: [], body: new TextEncoder().encode('h\u00e9') }; },
});

async function app() {
  const { app } = await loadTempApp({ 'app.rb': APP, 'wrangler.toml': TOML }, { fresh: true, operations });
  return app;
}

const json = async (app, path, init) => JSON.parse(await (await app.fetch(new Request(`http://x${path}`, init))).text());

test('a Kiln::Bytes reaches JS as bytes whatever its content; JS bytes come back as Kiln::Bytes', async () => {
  const a = await app();
  const r = await json(a, '/bridge');
  assert.deepEqual(r.seen, [
    ['bytes', [97, 98, 99]],      // valid UTF-8, still bytes
    ['string', 'abc'],            // a plain String that is text
    ['bytes', [0, 0, 0, 0]],      // an all-zero page
    ['bytes', [255]],             // a plain String that is not UTF-8: bytes, as before
    { k: ['bytes', [118]] },
  ]);
  assert.deepEqual(r.back, [['Kiln::Bytes', true], ['String', false], ['Kiln::Bytes', true], ['Kiln::Bytes', true]]);
});

test('KV: "abc".b put, read back as arrayBuffer, is Kiln::Bytes (a text read is a String)', async () => {
  const r = await json(await app(), '/kv');
  assert.deepEqual(r.bin, ['Kiln::Bytes', 'abc']);
  assert.deepEqual(r.text, ['String', 'abc']);
});

test('R2: body is Kiln::Bytes (sizes in bytes), text a String', async () => {
  const a = await app();
  assert.deepEqual(await json(a, '/r2'), { body: 'Kiln::Bytes', size: 5, text: 'String', text_size: 4 });
});

test('D1 (emulated): Kiln::Bytes binds as BLOB whatever its content, reads back as Kiln::Bytes, re-inserts as BLOB', async () => {
  assert.deepEqual(await json(await app(), '/d1'), ['blob', 'blob', 'text', 'blob', 'Kiln::Bytes', 'Kiln::Bytes', 'String']);
});

test('request bodies and fetch bodies stay plain Strings (Rack and Net::HTTP compatibility)', async () => {
  const a = await app();
  assert.deepEqual(await json(a, '/body', { method: 'POST', body: new Uint8Array([0x61, 0xff]) }), { klass: 'String', binary: false, size: 2 });
  assert.deepEqual(await json(a, '/fetch'), { klass: 'String', text: 'h\u00e9', length: 2 });
});

test('the String rules of Kiln::Bytes', async () => {
  const a = await app();
  assert.deepEqual(await json(a, '/rules'), {
    class: 'Kiln::Bytes', binary: true, plain_binary: false, is_string: true,
    eq: true, eq_rev: true, eql: true, hash_key: 1,
    length: 6, size: 6, bytesize: 6, plain_length: 5,
    index: [0xc3], slice: [0xc3, 0xa9], range: 'Kiln::Bytes', byteslice: 'Kiln::Bytes',
    plus: 'String', plus_rev: 'String', times: 'String',
    to_s: 'Kiln::Bytes', to_s_same: true, interp: 'String', dup: 'Kiln::Bytes',
    b_again: 'Kiln::Bytes', text: 'String', text_length: 5,
    frozen_lit_b: ['Kiln::Bytes', false, true], frozen_b: true,
    append: ['Kiln::Bytes', 3],
    json: '["ab"]', json_invalid: 'JSON::GeneratorError',
    inspect: '"a\\"\\n\\x00\\xFF\\xC3\\xA9"', inspect_plain: '"ab"', gsub: 'String',
  });
});
