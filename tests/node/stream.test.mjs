// Streaming responses and SSE (ruby/kiln/sinatra/stream.rb, js/worker/stream.js) under
// node: the wasm runtime through js/worker/kiln.js, KV emulated on SQLite.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT } from '../support/helpers.mjs';
import { parseSSE, readChunks } from '../support/stream.mjs';

const dir = path.join(ROOT, 'tests/apps/stream');
build(dir, { log: () => {} });
const app = await loadApp(dir, { fresh: true, printErr: () => {} });
const get = (p, init) => app.fetch(new Request(`http://localhost${p}`, init));
// The plain runtime (no KV emulation) routes the app's stderr to printErr.
const errors = [];
const plain = await loadApp(dir, { emulate: false, printErr: (line) => errors.push(line) });
const getPlain = (p) => plain.fetch(new Request(`http://localhost${p}`));
const settle = () => new Promise((r) => setTimeout(r, 20));

test('the response arrives before the block ends; chunks come as they are written', async () => {
  const started = Date.now();
  const r = await get('/ticks?n=4&gap=0.3');
  const headersAt = Date.now() - started;
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/plain;charset=utf-8');
  assert.equal(r.headers.get('content-length'), null);
  assert.equal(r.headers.get('content-encoding'), 'identity', 'not buffered by the edge to gzip it');
  assert.equal(r.headers.get('x-after'), 'ran', 'after filters run before the body streams');
  assert.ok(headersAt < 450, `headers after ${headersAt} ms`);
  const chunks = await readChunks(r);
  const ticks = chunks.map((c) => c.text).join('').trim().split('\n');
  assert.equal(ticks.length, 4);
  // The first chunk was read before the last was produced (server clock).
  const lastProduced = Number(ticks[3].split(' ')[2]);
  assert.ok(chunks[0].at < lastProduced - 300, `first read at ${chunks[0].at}, last produced at ${lastProduced}`);
  assert.ok(chunks.length >= 4, 'one read per chunk');
});

test('params, write, puts; status and headers set before the stream', async () => {
  assert.equal(await (await get('/hello/ruby')).text(), 'hello ruby!\n');
  const r = await get('/status');
  assert.equal(r.status, 201);
  assert.equal(r.headers.get('x-custom'), 'yes');
  assert.equal(await r.text(), 'created');
});

test('binding calls work between chunks', async () => {
  assert.equal(await (await get('/kv')).text(), 'before\nfrom KV\n');
});

test('HEAD of a streaming route: headers, no body', async () => {
  const r = await get('/ticks?n=2', { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), '');
});

test('sse: event-stream headers, multi-line data, JSON data, id, retry, comments', async () => {
  const r = await get('/events');
  assert.equal(r.headers.get('content-type'), 'text/event-stream;charset=utf-8');
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  const text = await r.text();
  assert.equal(text, 'event: greeting\nid: 1\nretry: 2500\ndata: first line\ndata: second line\n\n'
    + ': keep-alive\n\nid: 2\ndata: {"n":1,"list":[1,"two"]}\n\ndata: \n\n');
  assert.deepEqual(parseSSE(text), [
    { event: 'greeting', id: '1', retry: 2500, data: 'first line\nsecond line' },
    { event: 'message', id: '2', data: '{"n":1,"list":[1,"two"]}' },
    { event: 'message', id: '2', data: '' },
  ]);
});

test('an error after the headers is logged and ends the stream; the next request is fine', async () => {
  errors.length = 0;
  const r = await getPlain('/boom');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'partial\n');
  await settle();
  assert.match(errors.join('\n'), /error in a streamed response.*boom after headers/s);
  assert.match(errors.join('\n'), /app\.rb:\d+/);
  assert.equal(await (await get('/hello/again')).text(), 'hello again!\n');
});

test('an SSE field with a line break is an error, not a broken frame', async () => {
  errors.length = 0;
  assert.equal(await (await getPlain('/bad-event')).text(), '');
  await settle();
  assert.match(errors.join('\n'), /SSE event must not contain a line break/);
});

test('client cancel stops the block (ensure + callbacks run) and frees its fiber', async () => {
  const r = await get('/forever');
  const reader = r.body.getReader();
  for (let i = 0; i < 3; i++) await reader.read();
  await reader.cancel();
  await new Promise((resolve) => setTimeout(resolve, 150));
  assert.equal(await (await get('/stats')).text(), 'closed=1 callbacks=1');
  assert.equal(app.module._kiln_pending(), 0, 'no fiber left parked');
  assert.equal(await (await get('/hello/after')).text(), 'hello after!\n');
});

test('stream(:keep_open) stays open after its block; other requests write and close it', async () => {
  const r = await get('/room');
  const reader = r.body.getReader();
  const decoder = new TextDecoder();
  assert.equal(decoder.decode((await reader.read()).value), 'joined\n');
  // (A write waits for its reader: backpressure, so read concurrently.)
  const next = reader.read();
  assert.equal(await (await get('/room', { method: 'POST', body: 'hi all' })).text(), 'sent to 1');
  assert.equal(decoder.decode((await next).value), 'hi all\n');
  assert.equal(await (await get('/room', { method: 'DELETE' })).text(), 'closed 1');
  assert.equal((await reader.read()).done, true);
  await settle();
  assert.equal(await (await get('/room', { method: 'POST', body: 'nobody' })).text(), 'sent to 0');
  assert.equal(app.module._kiln_pending(), 0);
});

test('wait_until blocks run after the stream has ended', async () => {
  assert.equal(await (await get('/bg')).text(), 'streamed');
  await settle();
  assert.equal(await (await get('/bg-state')).text(), 'after the stream');
});

test('an invalid header is found before anything is sent: a 500, logged as write_response logs it', async () => {
  errors.length = 0;
  const r = await getPlain('/bad-header');
  assert.equal(r.status, 500);
  assert.equal(await r.text(), '<h1>Internal Server Error</h1>');
  assert.deepEqual(errors, ['invalid header name: bad header']);
});

test('keep_open: a write from another request after the client left is dropped, not an error', async () => {
  const r = await get('/room');
  const reader = r.body.getReader();
  await reader.read();
  await reader.cancel();
  const post = await get('/room', { method: 'POST', body: 'anyone?' });
  assert.equal(post.status, 200);
  assert.match(await post.text(), /^sent to [01]$/);
  await settle();
  assert.equal(await (await get('/room', { method: 'POST', body: 'nobody' })).text(), 'sent to 0');
  assert.equal(app.module._kiln_pending(), 0);
});
