// WebSockets offline (js/node/bindings/websocket.js): the kiln test DSL
// (ruby/kiln/test/websocket.rb) on tests/apps/websocket, and the emulated
// sockets through loadApp().webSocket: frame types, per-object ordering,
// hibernation, limits. tests/workerd/websocket.test.mjs runs the same app on
// wrangler dev.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { emulatedPair } from '../../js/node/bindings/websocket.js';
import { ROOT } from '../support/helpers.mjs';

const APP = path.join(ROOT, 'tests/apps/websocket');

test('kiln test: the WebSocket DSL suite passes (echo, broadcast, hibernate!, attachments, auto-response, close codes, 1009 over 32 MiB)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'test', APP], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\n8 passed, 0 failed, 0 errors, 0 skipped\n$/);
});

test('kiln test: examples/chat passes (rooms, presence, history across hibernate!)', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'test', path.join(ROOT, 'examples/chat')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /\n5 passed, 0 failed, 0 errors, 0 skipped\n$/);
});

let app;
before(async () => {
  build(APP, { log: null });
  app = await loadApp(APP, { fresh: true, printErr: () => {} });
});
after(() => app?.closeObjectWebSockets?.());

test('loadApp().webSocket: not upgraded gives the Response', async () => {
  const r = await app.webSocket('http://localhost/rooms/x');
  assert.ok(r instanceof Response);
  assert.equal(r.status, 400);
  const plain = await app.fetch(new Request('http://localhost/echo'));
  assert.equal(plain.status, 426);
});

test('messages of many sockets to one object are delivered in order, one handler at a time', async () => {
  const sockets = [];
  for (let i = 0; i < 5; i++) sockets.push(await app.webSocket(`http://localhost/rooms/order?name=u${i}`));
  // Each 'incr' reads, awaits, then writes: an update is lost if two
  // handlers of the object interleave (as workerd's input gate prevents).
  await Promise.all(sockets.flatMap((s) => [1, 2, 3].map(() => s.send('incr'))));
  await sockets[0].send('total');
  assert.equal(await sockets[0].next(), '15');
  // Each socket's own messages keep their order.
  await Promise.all(sockets.map((s, i) => Promise.all([1, 2, 3].map((n) => s.send(`m${i}.${n}`)))));
  const seen = [];
  for (let k = 0; k < 15; k++) seen.push(await sockets[0].next());
  for (let i = 0; i < 5; i++) assert.deepEqual(seen.filter((m) => m.startsWith(`u${i}:`)), [1, 2, 3].map((n) => `u${i}: m${i}.${n}`));
  await Promise.all(sockets.map((s) => s.close()));
});

test('Kiln::WebSocket.connect offline reaches a real WebSocket server (the ws package), headers included', async () => {
  const { WebSocketServer } = await import('ws');
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => server.once('listening', resolve));
  let relayed = null;
  server.on('connection', (sock, req) => {
    relayed = req.headers['x-relayed'];
    sock.on('message', (data, binary) => sock.send(binary ? data : `up: ${data}`, { binary }));
  });
  try {
    const ws = await app.webSocket(`http://localhost/relay?to=${encodeURIComponent(`ws://127.0.0.1:${server.address().port}/`)}`);
    await ws.send('hi');
    assert.equal(await ws.next(), 'up: hi');
    await ws.send(new Uint8Array([1, 2]));
    assert.deepEqual(await ws.next(), new Uint8Array([1, 2]));
    assert.equal(relayed, 'yes');
    await ws.close();
  } finally {
    server.close();
  }
});

test('the emulated pair: send after close throws workerd\'s error; attachments are limited to 16 KiB', () => {
  const [client, server] = emulatedPair();
  server.accept();
  server.serializeAttachment({ a: 'x'.repeat(16000) });
  assert.throws(() => server.serializeAttachment('x'.repeat(17000)), /^Error: A WebSocket 'attachment' cannot be larger than 16384 bytes\.'attachment' was \d+ bytes\.$/);
  assert.deepEqual(server.deserializeAttachment(), { a: 'x'.repeat(16000) });
  client.close(1000, '');
  assert.throws(() => client.send('late'), /after close/);
});
