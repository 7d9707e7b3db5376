// Hard limits under hostile input (issue #20) on wrangler dev: the probes of
// tests/node/limits.test.mjs (same app) against real workerd, where the
// body arrives over HTTP and the wasm memory cap is the deployed one.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler, tempApp } from '../support/helpers.mjs';
import { LIMITS_APP } from '../support/limits_app.mjs';

let server;

before(async () => {
  const dir = tempApp({
    'app.rb': LIMITS_APP,
    'wrangler.toml': `name = "kiln-limits"\nmain = "build/worker.mjs"\ncompatibility_date = "2025-04-01"\n` +
      `[vars]\nKILN_ENV = "production"\n` +
      `[build]\ncommand = "node ${JSON.stringify(`${ROOT}/js/cli/main.js`).slice(1, -1)} build ."\n` +
      `[[rules]]\ntype = "Data"\nglobs = ["**/*.kbc"]\nfallthrough = false\n`,
  });
  server = await startWrangler(dir);
});

after(() => server?.stop());

const get = async (p) => {
  const res = await fetch(`${server.url}${p}`);
  return { status: res.status, headers: res.headers, text: await res.text() };
};

test('wrangler dev: a 95 MB body is a 413 with nosniff (with a Content-Length, and chunked), then requests are served', async () => {
  const started = performance.now();
  const sized = await fetch(`${server.url}/n`, { method: 'POST', body: new Uint8Array(95 << 20) });
  assert.equal(sized.status, 413);
  assert.equal(sized.headers.get('x-content-type-options'), 'nosniff');
  await sized.text();
  let left = 95;
  const chunk = new Uint8Array(1 << 20);
  const chunked = await fetch(`${server.url}/n`, {
    method: 'POST', duplex: 'half',
    body: new ReadableStream({ pull(c) { if (left-- <= 0) c.close(); else c.enqueue(chunk); } }),
  }).catch((e) => e);
  // workerd may close the connection once the 413 is sent mid-upload.
  if (!(chunked instanceof Error)) assert.equal(chunked.status, 413);
  assert.equal((await get('/ok')).text, 'ok');
  assert.equal((await fetch(`${server.url}/n`, { method: 'POST', body: new Uint8Array(1 << 20) }).then((r) => r.text())), String(1 << 20));
  console.log(`# 413s answered in ${Math.round(performance.now() - started)} ms`);
});

test('wrangler dev: 200 MB and 1 GiB strings are a 500, and the isolate keeps serving', async () => {
  for (const p of ['/alloc/200', '/alloc/1024', '/grow/200']) {
    const r = await get(p);
    assert.equal(r.status, 500, `${p}: ${r.text.slice(0, 200)}`);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.equal((await get('/ok')).text, 'ok');
  }
  assert.equal((await get('/alloc-rescued')).text, 'rescued NoMemoryError');
  assert.match(server.log(), /NoMemoryError/);
});

test('wrangler dev: deep recursion inside C is a 500 and the next requests are served', async () => {
  const r = await get('/deep-eq/200000');
  assert.equal(r.status, 500);
  assert.equal(r.text, '<h1>Internal Server Error</h1>');
  for (let i = 0; i < 5; i++) assert.equal((await get('/ok')).text, 'ok');
  assert.equal((await get('/deep-eq/100')).text, 'true');
});

test('wrangler dev: too-deep to_json is a 500', async () => {
  assert.equal((await get('/deep-json')).status, 500);
});
