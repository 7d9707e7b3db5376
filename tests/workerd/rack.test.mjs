// examples/rack (config.ru with Rack middleware around Sinatra apps, the
// example of docs/guide/middleware.md) on wrangler dev: the entry workerd
// runs is config.ru, CORS and Basic auth answer as rack-cors and rack do,
// and Rack::Deflater's gzip is done by workerd (the response is marked
// content-encoding: gzip; the runtime compresses it as it is sent).
import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';

let server;
before(async () => { server = await startWrangler(path.join(ROOT, 'examples/rack')); });
after(async () => { await server?.stop(); });

// The bytes on the wire (fetch would decode them).
function raw(url, headers) {
  return new Promise((resolve, reject) => {
    http.get(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

test('Rack::Deflater: gzip on the wire, compressed by workerd', async () => {
  const r = await raw(`${server.url}/notes`, { 'accept-encoding': 'gzip' });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'gzip');
  assert.match(r.headers.vary, /Accept-Encoding/);
  assert.deepEqual(JSON.parse(gunzipSync(r.body).toString()), [{ id: 1, text: 'Rack middleware runs on Workers' }]);
  const plain = await raw(`${server.url}/notes`, { 'accept-encoding': 'identity' });
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(JSON.parse(plain.body.toString())[0].id, 1);
});

test('Rack::Cors preflight and simple request; Rack::Auth::Basic under map', async () => {
  let r = await fetch(`${server.url}/notes`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('access-control-allow-origin'), 'http://localhost:3000');
  assert.equal(r.headers.get('access-control-allow-methods'), 'GET, POST');
  assert.equal(r.headers.get('access-control-allow-headers'), 'content-type');
  r = await fetch(`${server.url}/notes`, { headers: { Origin: 'https://app.example.com' } });
  assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example.com');
  assert.match(r.headers.get('vary'), /Origin/);
  assert.equal((await fetch(`${server.url}/admin/`)).status, 401);
  r = await fetch(`${server.url}/admin/`, { headers: { Authorization: `Basic ${Buffer.from('admin:secret').toString('base64')}` } });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'Hello, admin: 1 notes');
  assert.equal(await (await fetch(`${server.url}/health`)).text(), 'ok');
});
