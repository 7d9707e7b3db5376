// Hard limits under hostile input (issue #20) on wrangler dev: the probes of
// tests/node/limits.test.mjs (same app) against real workerd, where the
// body arrives over HTTP and the wasm memory cap is the deployed one.
import assert from 'node:assert/strict';
import http from 'node:http';
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

// POSTs `size` bytes to /n with `headers`, 1 MiB at a time, and resolves
// with the response. The server may answer before the body is all sent
// (and close the connection): writing stops then, and the write error that
// follows a response is not a failure.
function post(headers, size) {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(`${server.url}/n`, { method: 'POST', headers }, (res) => {
      answered = true;
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => { req.destroy(); resolve({ status: res.statusCode, headers: res.headers, text }); });
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    const chunk = new Uint8Array(1 << 20);
    let left = size;
    const more = () => {
      while (left > 0 && !answered) {
        left -= chunk.length;
        if (!req.write(chunk)) return req.once('drain', more);
      }
      if (!answered) req.end();
    };
    more();
  });
}

test('wrangler dev: a 95 MB body is a 413 with nosniff, with a Content-Length and chunked', async () => {
  const started = performance.now();
  const sized = await post({ 'content-length': String(95 << 20) }, 95 << 20);
  assert.equal(sized.status, 413);
  assert.equal(sized.headers['x-content-type-options'], 'nosniff');
  // (Its body may be cut off with the connection the server closes mid-upload.)
  const chunked = await post({ 'transfer-encoding': 'chunked' }, 95 << 20);
  assert.equal(chunked.status, 413);
  console.log(`# 413s answered in ${Math.round(performance.now() - started)} ms`);
  assert.equal((await get('/ok')).text, 'ok');
  const fits = await fetch(`${server.url}/n`, { method: 'POST', body: new Uint8Array(1 << 20) });
  assert.equal(await fits.text(), String(1 << 20));
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
