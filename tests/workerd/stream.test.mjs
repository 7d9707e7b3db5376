// Streaming responses and SSE on real workerd (wrangler dev), over real
// HTTP: chunks read as they arrive, a client disconnect mid-stream.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';
import { parseSSE, readChunks } from '../support/stream.mjs';

let server;
let url;
before(async () => {
  server = await startWrangler(path.join(ROOT, 'tests/apps/stream'));
  url = server.url;
});
after(async () => { await server?.stop(); });

const text = async (p, init) => (await fetch(`${url}${p}`, init)).text();
const pause = (ms) => new Promise((r) => setTimeout(r, ms));

test('chunks arrive over HTTP as they are written, the first before the last is produced', async () => {
  const r = await fetch(`${url}/ticks?n=4&gap=0.4`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('x-after'), 'ran');
  assert.equal(r.headers.get('content-length'), null);
  // Not gzipped by the edge (which would buffer it): node's fetch asks for gzip.
  assert.equal(r.headers.get('content-encoding'), 'identity');
  const chunks = await readChunks(r);
  const ticks = chunks.map((c) => c.text).join('').trim().split('\n');
  assert.equal(ticks.length, 4);
  const produced = ticks.map((t) => Number(t.split(' ')[2]));
  assert.ok(chunks[0].at < produced[3] - 600, `first read at ${chunks[0].at}, last produced at ${produced[3]}`);
  assert.ok(chunks.length >= 4, `${chunks.length} reads`);
});

test('binding calls between chunks; params inside the block', async () => {
  assert.equal(await text('/kv'), 'before\nfrom KV\n');
  assert.equal(await text('/hello/workerd'), 'hello workerd!\n');
});

test('SSE over HTTP parses as EventSource would', async () => {
  const r = await fetch(`${url}/events`);
  assert.equal(r.headers.get('content-type'), 'text/event-stream;charset=utf-8');
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const events = parseSSE(await r.text());
  assert.deepEqual(events.map((e) => [e.event, e.id, e.data]), [
    ['greeting', '1', 'first line\nsecond line'], ['message', '2', '{"n":1,"list":[1,"two"]}'], ['message', '2', ''],
  ]);
  assert.equal(events[0].retry, 2500);
});

test('an error after the headers ends the stream and is logged; the isolate serves on', async () => {
  assert.equal(await text('/boom'), 'partial\n');
  assert.equal(await text('/hello/again'), 'hello again!\n');
  for (let i = 0; i < 20 && !/boom after headers/.test(server.log()); i++) await pause(100);
  assert.match(server.log(), /error in a streamed response[^\n]*boom after headers/);
});

test('a client disconnect mid-stream stops the block; the next requests are fine', async () => {
  const aborter = new AbortController();
  const r = await fetch(`${url}/forever`, { signal: aborter.signal });
  const reader = r.body.getReader();
  for (let i = 0; i < 3; i++) await reader.read();
  aborter.abort();
  let stats = '';
  for (let i = 0; i < 40 && stats !== 'closed=1 callbacks=1'; i++) {
    await pause(100);
    stats = await text('/stats');
  }
  assert.equal(stats, 'closed=1 callbacks=1');
  assert.equal(await text('/hello/after'), 'hello after!\n');
  assert.equal((await text('/ticks?n=2&gap=0')).split('\n').length, 3);
});

test('stream(:keep_open): another request writes to it and closes it', async () => {
  const r = await fetch(`${url}/room`);
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode((await reader.read()).value), 'joined\n');
  const next = reader.read();
  assert.equal(await text('/room', { method: 'POST', body: 'hi all' }), 'sent to 1');
  assert.equal(decoder.decode((await next).value), 'hi all\n');
  assert.equal(await text('/room', { method: 'DELETE' }), 'closed 1');
  assert.equal((await reader.read()).done, true);
});

test('wait_until after a stream runs once it has ended; a bad header is a 500', async () => {
  assert.equal(await text('/bg'), 'streamed');
  let state = '';
  for (let i = 0; i < 20 && !state; i++) { await pause(100); state = await text('/bg-state'); }
  assert.equal(state, 'after the stream');
  const r = await fetch(`${url}/bad-header`);
  assert.equal(r.status, 500);
  await r.text();
});
