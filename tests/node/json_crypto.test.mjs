// JSON, Digest and SecureRandom in routes of a real app, through the wasm
// runtime under node (js/node/load_app.js loadApp), with request bodies from JS.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { tempApp } from '../support/helpers.mjs';

const dir = tempApp({
  'app.rb': `require 'json'
require 'digest'
require 'openssl'
require 'securerandom'

before { content_type 'application/json' }

post '/echo' do
  data = JSON.parse(request.body.read)
  JSON.generate('got' => data, 'keys' => data.keys.sort, 'sum' => data['numbers'].inject(0) { |a, b| a + b })
end

post '/symbols' do
  data = JSON.parse(request.body.read, symbolize_names: true)
  { name: data[:user][:name], admin: data[:user][:admin] }.to_json
end

post '/sha256' do
  body = request.body.read
  JSON.generate(sha256: Digest::SHA256.hexdigest(body), size: body.bytesize,
                hmac: OpenSSL::HMAC.hexdigest('SHA256', 'secret', body))
end

get '/pretty' do
  JSON.pretty_generate('list' => [1, 2.5, nil], 'empty' => {})
end

get '/random' do
  JSON.generate(hex: SecureRandom.hex, uuid: SecureRandom.uuid)
end

post '/floats' do
  JSON.generate(JSON.parse(request.body.read))
end

post '/bad' do
  begin
    JSON.parse(request.body.read)
  rescue JSON::ParserError => e
    status 400
    JSON.generate(error: e.message)
  end
end
`,
});
build(dir, { log: () => {} });
const app = await loadApp(dir);
const post = (p, body) => app.fetch(new Request(`http://localhost${p}`, { method: 'POST', body }));

test('JSON.parse reads the request body and JSON.generate answers', async () => {
  const r = await post('/echo', JSON.stringify({ numbers: [1, 2, 39], text: 'héllo ✓', nested: { ok: true, none: null } }));
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/json');
  assert.deepEqual(await r.json(), {
    got: { numbers: [1, 2, 39], text: 'héllo ✓', nested: { ok: true, none: null } },
    keys: ['nested', 'numbers', 'text'],
    sum: 42,
  });
});

test('symbolize_names and Hash#to_json', async () => {
  const r = await post('/symbols', '{"user": {"name": "Ada", "admin": false}}');
  assert.equal(await r.text(), '{"name":"Ada","admin":false}');
});

test('Digest::SHA256 and OpenSSL::HMAC match node:crypto on binary bodies', async () => {
  const body = new Uint8Array(1000).map((_, i) => (i * 31) & 255);
  const r = await post('/sha256', body);
  assert.deepEqual(await r.json(), {
    sha256: createHash('sha256').update(body).digest('hex'),
    size: 1000,
    hmac: createHmac('sha256', 'secret').update(body).digest('hex'),
  });
});

test('pretty_generate uses CRuby\'s layout', async () => {
  const r = await app.fetch(new Request('http://localhost/pretty'));
  assert.equal(await r.text(), '{\n  "list": [\n    1,\n    2.5,\n    null\n  ],\n  "empty": {}\n}');
});

test('SecureRandom draws from crypto.getRandomValues in wasm', async () => {
  const a = await (await app.fetch(new Request('http://localhost/random'))).json();
  const b = await (await app.fetch(new Request('http://localhost/random'))).json();
  assert.match(a.hex, /^[0-9a-f]{32}$/);
  assert.match(a.uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a.hex, b.hex);
  assert.notEqual(a.uuid, b.uuid);
});

test('invalid JSON is a JSON::ParserError the route can rescue', async () => {
  const r = await post('/bad', '{"a": 1,\n "b": oops}');
  assert.equal(r.status, 400);
  const { error } = await r.json();
  assert.match(error, /unexpected token at 'oops}' \(line 2, column 7\)/);
});

// Numbers are read by nlohmann/json (strtod): every Float must come out
// as JS reads it, in wasm (musl) as natively.
test('JSON floats are read correctly rounded: shortest forms, long mantissas, extremes', async () => {
  let seed = 20261123;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const texts = ['0.1', '-0.0', '1e23', '5e-324', '2.4703282292062328e-324', '2.2250738585072011e-308', '2.2250738585072014e-308',
    '1.7976931348623157e308', '9007199254740993', '9007199254740993.0', '123456789012345678901234567890e-10', '0.000123', '1E5',
    '-1.5e-7', '1000000000000000000000.5', '0.30000000000000004', '4.35679e-5', '1e-22', '1e22', '123456789012345e-22'];
  const buf = new Float64Array(1);
  const bits = new Uint32Array(buf.buffer);
  for (let i = 0; i < 300; i++) {
    bits[0] = Math.floor(rand() * 2 ** 32);
    bits[1] = Math.floor(rand() * 0x7fefffff);
    texts.push(String(buf[0]));
    const digits = Array.from({ length: 1 + Math.floor(rand() * 24) }, () => Math.floor(rand() * 10)).join('');
    texts.push(`${digits.slice(0, 1)}.${digits.slice(1) || '0'}e${Math.floor(rand() * 630) - 330}`);
    texts.push(`${Math.floor(rand() * 1e6)}.${Math.floor(rand() * 1e9)}`);
  }
  const body = `[${texts.join(',')}]`;
  const r = await post('/floats', body);
  assert.equal(r.status, 200);
  const back = JSON.parse(await r.text());
  const want = JSON.parse(body);
  for (let i = 0; i < texts.length; i++) assert.ok(Object.is(back[i], want[i]), `${texts[i]}: got ${back[i]}, want ${want[i]}`);
});
