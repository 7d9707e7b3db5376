// Hard limits under hostile input (issue #20), offline: a body over
// max_body_size is refused before it is read (js/worker/kiln.js #readBody),
// an allocation past the wasm memory cap is a 500 and the isolate serves on
// (CMakeLists.txt KILN_MAX_MEMORY), deep recursion inside C is a 500 with a
// fresh VM (js/worker/wasm.js BROKEN), and the 413 and the one 500 carry
// nosniff. tests/workerd/limits.test.mjs runs the same probes on wrangler dev.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { before, test } from 'node:test';
import { ROOT, loadTempApp, tempApp } from '../support/helpers.mjs';
import { build } from '../../js/cli/build/build.js';
import { LIMITS_APP } from '../support/limits_app.mjs';


let app, errors;

before(async () => {
  ({ app, errors } = await loadTempApp({ 'app.rb': LIMITS_APP }, { vars: { KILN_ENV: 'production' } }));
});

const get = async (p) => {
  const res = await app.fetch(new Request(`http://example.org${p}`));
  return { status: res.status, headers: res.headers, text: await res.text() };
};

// A body stream of `chunks` chunks of `size` bytes that counts what was pulled.
function counted(chunks, size) {
  const pulled = { bytes: 0 };
  const chunk = new Uint8Array(size).fill(120);
  let left = chunks;
  const stream = new ReadableStream({
    pull(controller) {
      if (left-- <= 0) return controller.close();
      pulled.bytes += size;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

const post = (body, headers = {}) => app.fetch(new Request('http://example.org/n', { method: 'POST', body, headers, duplex: 'half' }));

test('a body over max_body_size with a Content-Length is refused before any of it is read', async () => {
  const heap = app.module.HEAPU8.length;
  const { stream, pulled } = counted(95, 1 << 20);
  const res = await post(stream, { 'content-length': String(95 << 20) });
  assert.equal(res.status, 413);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await res.text(), /Content Too Large/);
  // The stream's first pull happens when it is made, before the request is read.
  assert.ok(pulled.bytes <= 2 << 20, `pulled ${pulled.bytes} bytes`);
  assert.equal(app.module.HEAPU8.length, heap, 'wasm memory did not grow');
  assert.match(errors.join('\n'), /request body of 99614720 bytes is over max_body_size \(1048576\): 413/);
});

test('a chunked body is cut off once past max_body_size, and never reaches wasm memory', async () => {
  const heap = app.module.HEAPU8.length;
  const { stream, pulled } = counted(95, 64 << 10);
  const res = await post(stream);
  assert.equal(res.status, 413);
  await res.text();
  assert.ok(pulled.bytes <= (1 << 20) + (3 * 64 << 10), `pulled ${pulled.bytes} bytes`);
  assert.equal(app.module.HEAPU8.length, heap);
  // At the limit exactly: the app gets it all.
  const at = counted(16, 64 << 10);
  const ok = await post(at.stream);
  assert.equal(await ok.text(), String(1 << 20));
});

test('the limit is the app setting, read once at boot; nil is no limit', async () => {
  assert.deepEqual(await app.limits(), { max_body_size: 1 << 20 });
  const { app: open } = await loadTempApp({ 'app.rb': "set :max_body_size, nil\npost('/n') { request.body.read.bytesize.to_s }" });
  assert.equal((await open.limits()).max_body_size, null);
  const res = await open.fetch(new Request('http://x.org/n', { method: 'POST', body: new Uint8Array(3 << 20) }));
  assert.equal(await res.text(), String(3 << 20));
});

test('allocations past the wasm memory cap are a 500 (NoMemoryError) and the isolate keeps serving', async () => {
  for (const p of ['/alloc/200', '/alloc/1024', '/grow/200']) {
    const r = await get(p);
    assert.equal(r.status, 500, `${p}: ${r.text}`);
    assert.equal(r.text, '<h1>Internal Server Error</h1>');
    assert.equal((await get('/ok')).text, 'ok');
  }
  assert.match(errors.join('\n'), /NoMemoryError/);
  assert.equal((await get('/alloc-rescued')).text, 'rescued NoMemoryError');
  assert.ok(app.module.HEAPU8.length <= 96 << 20, `wasm memory ${app.module.HEAPU8.length}`);
  // What fits is still served after all that, a 20 MB response body too
  // (written into a buffer of its size: src/core/response.cpp).
  assert.equal((await get('/alloc/20')).text, String(20 << 20));
  assert.equal((await get('/body/20')).text.length, 20 << 20);
  for (let i = 0; i < 50; i++) assert.equal((await get('/ok')).status, 200);
});

test('deep recursion inside C is a 500, and the next requests are served', async () => {
  errors.length = 0;
  const r = await get('/deep-eq/200000');
  assert.equal(r.status, 500, r.text);
  assert.equal(r.text, '<h1>Internal Server Error</h1>');
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.match(errors.join('\n'), /SystemStackError|RangeError/);
  assert.equal((await get('/ok')).text, 'ok');
  assert.equal((await get('/deep-eq/100')).text, 'true');
  // Concurrent requests during it are answered too; one parked on an await
  // in the VM that broke fails (its fiber is gone with it).
  const all = await Promise.all(['/slow', '/deep-eq/200000', '/ok', '/ok'].map(get));
  assert.deepEqual(all.map((x) => x.status), [500, 500, 200, 200]);
  assert.match(errors.join('\n'), /the VM was replaced while this request awaited/);
  assert.equal((await get('/slow')).text, 'slow');
});

test('kiln request: deep recursion inside C answers 500, the process does not crash', () => {
  const dir = tempApp({ 'app.rb': LIMITS_APP });
  build(dir, { log: null });
  const run = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'request', path.join(dir, 'app.rb'), 'GET', '/deep-eq/200000', '-e', 'production'], { encoding: 'utf8', timeout: 120_000 });
  assert.notEqual(run.signal, 'SIGKILL');
  assert.doesNotMatch(run.stderr, /Maximum call stack size exceeded\n\s+at /, run.stderr);
  assert.equal(JSON.parse(run.stdout).status, 500, `${run.stdout}\n${run.stderr}`);
});

test('to_json on too-deep data the server built is a 500; too-deep input JSON is still a 400', async () => {
  assert.equal((await get('/deep-json')).status, 500);
  const deep = '['.repeat(5000) + ']'.repeat(5000);
  const r = await app.fetch(new Request('http://example.org/json', { method: 'POST', body: deep }));
  assert.equal(r.status, 400);
});

test('the 500 sent for a refused header carries nosniff', async () => {
  const r = await get('/bad-header');
  assert.equal(r.status, 500);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(r.headers.get('x-evil'), null);
});

test('a Ruby Hash key __proto__ reaches JS as a key, and ops are own entries only', async () => {
  const { decode, encode } = await import('../../js/worker/codec.js');
  const o = decode(encode({ ['__proto__']: 1, a: 2 }));
  assert.equal(Object.getPrototypeOf(o), Object.prototype);
  assert.deepEqual(Object.keys(o), ['__proto__', 'a']);
  const { app: a } = await loadTempApp({ 'app.rb': "get('/') { begin; Kiln.await(:toString); rescue Kiln::JSError => e; e.message; end }\nget('/p') { Kiln.await(:echo, { '__proto__' => { 'x' => 1 } }).inspect }" });
  assert.match(await (await a.fetch(new Request('http://x.org/'))).text(), /unknown operation 'toString'/);
  assert.equal(await (await a.fetch(new Request('http://x.org/p'))).text(), '{"__proto__"=>{"x"=>1}}');
});
