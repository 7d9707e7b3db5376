// Bindings from Ruby on real workerd (wrangler dev with local KV, D1, R2,
// Queues): examples/bindings over HTTP.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';

let server;
let url;
before(async () => {
  server = await startWrangler(path.join(ROOT, 'examples/bindings'));
  url = server.url;
});
after(async () => { await server?.stop(); });

const text = async (p, init) => {
  const r = await fetch(`${url}${p}`, init);
  return [r.status, await r.text()];
};

test('vars reach ENV', async () => {
  assert.deepEqual(await text('/env'), [200, 'hello from [vars]']);
});

test('KV: put, get, metadata, list, delete', async () => {
  assert.deepEqual(await text('/kv/alpha', { method: 'PUT', body: 'one' }), [200, 'stored']);
  assert.deepEqual(await text('/kv/alpha'), [200, 'one']);
  assert.deepEqual(await text('/kv-meta/alpha'), [200, 'one|kiln']);
  await text('/kv/alpine', { method: 'PUT', body: 'two' });
  await text('/kv/beta', { method: 'PUT', body: 'three' });
  assert.deepEqual(await text('/kv-list?prefix=al'), [200, 'alpha,alpine']);
  assert.deepEqual(await text('/kv/alpha', { method: 'DELETE' }), [200, 'deleted']);
  assert.deepEqual(await text('/kv/alpha'), [404, 'missing']);
});

test('KV: expiration_ttl shows in list metadata; JSON values', async () => {
  const [status, body] = await text('/kv-ttl/ttl-key', { method: 'PUT' });
  assert.equal(status, 200);
  const secs = Number(body.match(/^ttl-key expires in (\d+)s$/)?.[1]);
  assert.ok(secs > 100 && secs <= 121, body);
  assert.deepEqual(await text('/kv-json'), [200, '{"a"=>[1, 2.5, nil, true]}']);
});

test('D1: integers, floats, text, NULL and blobs round-trip; raw rows', async () => {
  assert.deepEqual(await text('/d1-types'), [200, '9007199254740991|2.5|héllo|nil|[0, 255, 1, 128]|[[9007199254740991]]']);
});

test('D1: insert, query, first, batch rolls back on error', async () => {
  assert.deepEqual(await text('/notes', { method: 'POST', body: new URLSearchParams({ body: 'first' }) }), [200, '1']);
  assert.deepEqual(await text('/notes', { method: 'POST', body: new URLSearchParams({ body: "it's 'quoted'" }) }), [200, '2']);
  assert.deepEqual(await text('/notes'), [200, "1:first\n2:it's 'quoted'"]);
  const [, res] = await text('/notes/batch-fail', { method: 'POST' });
  assert.match(res, /^rolled back: /);
  assert.deepEqual(await text('/notes/count'), [200, '2']);
});

test('R2: binary objects round-trip byte-exact with metadata', async () => {
  const data = crypto.randomBytes(4096);
  assert.deepEqual(await text('/files/blob.bin', { method: 'PUT', body: data }), [200, 'uploaded']);
  const r = await fetch(`${url}/files/blob.bin`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('x-size'), '4096');
  assert.equal(r.headers.get('x-source'), 'kiln');
  assert.ok(Buffer.from(await r.arrayBuffer()).equals(data));
  assert.deepEqual(await text('/files/none.bin'), [404, 'no such file']);
  const part = await fetch(`${url}/files/blob.bin/range?offset=100&length=50`);
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(data.subarray(100, 150)));
});

test('Queues: a producer send succeeds', async () => {
  assert.deepEqual(await text('/jobs', { method: 'POST', body: new URLSearchParams({ task: 'x' }) }), [200, 'queued']);
});

test('100 concurrent requests, each with several awaits inside map, get their own results', async () => {
  for (let i = 0; i < 10; i++) await text(`/kv/c${i}`, { method: 'PUT', body: `v${i}` });
  const bodies = await Promise.all(Array.from({ length: 100 }, (_, i) => {
    const keys = [i % 10, (i + 3) % 10, (i + 7) % 10];
    return text(`/kv-many?keys=${keys.map((k) => `c${k}`).join(',')}`).then(([s, b]) => [s, b, keys]);
  }));
  for (const [status, body, keys] of bodies) {
    assert.equal(status, 200);
    assert.equal(body, keys.map((k) => `v${k}`).join(','));
  }
});

async function eventually(check, { timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = await check();
    if (last === true) return;
    if (Date.now() > deadline) assert.fail(`condition not met in ${timeoutMs} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('Queues: a sent message reaches consume_queue and is acked', async () => {
  assert.deepEqual(await text('/jobs', { method: 'POST', body: new URLSearchParams({ task: 'resize' }) }), [200, 'queued']);
  await eventually(async () => {
    const [status, body] = await text('/kv/job:resize');
    return status === 200 && body === 'done after 1 attempt(s)' ? true : [status, body];
  });
});

test('Cron: /__scheduled runs the matching schedule block', async () => {
  const r = await fetch(`${url}/__scheduled?cron=${encodeURIComponent('*/5 * * * *')}`);
  assert.equal(r.status, 200);
  await eventually(async () => {
    const [status, body] = await text('/kv/last-cron');
    return status === 200 && body === '*/5 * * * *' ? true : [status, body];
  });
});

test('wait_until: the block runs after the response was sent', async () => {
  assert.deepEqual(await text('/kv/after-key'), [404, 'missing']);
  assert.deepEqual(await text('/later/after-key'), [200, 'responded']);
  await eventually(async () => {
    const [status, body] = await text('/kv/after-key');
    return status === 200 && body === 'written after the response' ? true : [status, body];
  });
});

test('Durable Objects: per-name storage, SQL, RPC', async () => {
  assert.deepEqual(await text('/counter/a'), [200, '1']);
  assert.deepEqual(await text('/counter/a'), [200, '2']);
  assert.deepEqual(await text('/counter/b'), [200, '1']);
  assert.deepEqual(await text('/counter/a/sql'), [200, '1']);
  assert.deepEqual(await text('/counter/a/sql'), [200, '2']);
  assert.deepEqual(await text('/counter/a/peek/n'), [200, '2']);
  assert.deepEqual(await text('/counter/a/peek/missing'), [200, 'nil']);
});

test('Durable Objects: an alarm fires and runs def alarm', async () => {
  assert.deepEqual(await text('/counter/alarmed/alarm'), [200, 'alarm set']);
  await eventually(async () => {
    const [status, body] = await text('/counter/alarmed/peek/alarm');
    return body === '"fired"' ? true : [status, body];
  });
});

test('Durable Objects: a WebSocket echoes through the hibernation API', async () => {
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(`${url.replace('http', 'ws')}/counter/sock/ws`);
  let upgrade = null;
  ws.on('upgrade', (res) => { upgrade = res.headers; });
  const reply = await new Promise((resolve, reject) => {
    ws.on('open', () => ws.send('hello'));
    ws.on('message', (data) => resolve(data.toString()));
    ws.on('error', reject);
    setTimeout(() => reject(new Error('no echo in 10 s')), 10_000);
  });
  ws.close();
  assert.equal(reply, 'echo: hello');
  // accept_web_socket is the response's extras, not a header the client sees.
  assert.deepEqual(Object.keys(upgrade).filter((k) => k.startsWith('x-kiln')), []);
});

test('Durable Object storage survives a restart of wrangler dev', async () => {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-persist-'));
  let s = await startWrangler(path.join(ROOT, 'examples/bindings'), { persistTo: state });
  try {
    assert.equal(await (await fetch(`${s.url}/counter/kept`)).text(), '1');
    assert.equal(await (await fetch(`${s.url}/counter/kept`)).text(), '2');
  } finally {
    await s.stop();
  }
  s = await startWrangler(path.join(ROOT, 'examples/bindings'), { persistTo: state });
  try {
    assert.equal(await (await fetch(`${s.url}/counter/kept`)).text(), '3');
  } finally {
    await s.stop();
  }
});
