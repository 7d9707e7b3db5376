// WebSockets on real workerd (wrangler dev): tests/apps/websocket's
// Worker-route echo (websocket!) and Durable Object chat (hibernatable
// sockets, broadcast by tag), with the ws package as the client. The same
// app runs offline in tests/node/websocket.test.mjs.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';
import { wsClient } from '../conformance/websocket.mjs';

let server;
before(async () => { server = await startWrangler(path.join(ROOT, 'tests/apps/websocket')); });
after(async () => { await server?.stop(); });

const open = (p, protocol) => wsClient(`${server.url.replace(/^http/, 'ws')}${p}`, protocol);

test('a Worker route echoes text as text and binary as binary, then closes with its code', async () => {
  const ws = await open('/echo', 'x.v1');
  assert.equal(ws.protocol, 'x.v1');
  await ws.send('hi');
  assert.deepEqual(await ws.next(), ['text', 'echo: hi']);
  await ws.send(new TextEncoder().encode('abc'));
  assert.deepEqual(await ws.next(), ['binary', '616263']);
  await ws.send('bye');
  assert.deepEqual(await ws.next(), ['close', 4000, 'bye']);
});

test('Kiln::WebSocket.connect: an outbound WebSocket (to the same app) keeps frame types', async () => {
  const ws = await open('/relay');
  await ws.send('hi');
  assert.deepEqual(await ws.next(), ['text', 'echo: hi']);
  await ws.send(new Uint8Array([0, 255]));
  assert.deepEqual(await ws.next(), ['binary', '00ff']);
});

test('the Worker route answers 426 without Upgrade', async () => {
  const r = await fetch(`${server.url}/echo`);
  assert.equal(r.status, 426);
  assert.match(await r.text(), /WebSocket endpoint/);
});

test('a Durable Object chat broadcasts by tag, sends privately, and says who left', async () => {
  const ann = await open('/rooms/lobby?name=ann', 'chat.v1');
  const bob = await open('/rooms/lobby?name=bob', 'chat.v1');
  assert.equal(ann.protocol, 'chat.v1');
  await ann.send('hello');
  assert.deepEqual(await ann.next(), ['text', 'ann: hello']);
  assert.deepEqual(await bob.next(), ['text', 'ann: hello']);
  await bob.send('who');
  assert.deepEqual(await bob.next(), ['text', 'ann,bob']);
  await bob.send('@ann psst');
  assert.deepEqual(await ann.next(), ['text', 'bob (private): psst']);
  await ann.send('ping');
  assert.deepEqual(await ann.next(), ['text', 'pong']);
  await ann.send('boom');  // the handler raises: logged, the socket stays open
  await ann.send('count');
  await ann.send('count');
  assert.deepEqual([await ann.next(), await ann.next()], [['text', '1'], ['text', '2']]);
  bob.close(1000, 'done');
  assert.deepEqual(await ann.next(), ['text', 'bob left (1000)']);
  await ann.send('quit');
  assert.deepEqual(await ann.next(), ['close', 4001, 'quit']);
});

test('examples/chat: presence, broadcast, and the history in the room\'s SQL', async () => {
  const chat = await startWrangler(path.join(ROOT, 'examples/chat'));
  try {
    const join = (name) => wsClient(`${chat.url.replace(/^http/, 'ws')}/rooms/lobby/ws?name=${name}`);
    const json = async (c) => { const [type, text] = await c.next(); assert.equal(type, 'text'); return JSON.parse(text); };
    const ann = await join('ann');
    assert.deepEqual(await json(ann), { type: 'presence', names: ['ann'] });
    const bob = await join('bob');
    assert.deepEqual(await json(ann), { type: 'presence', names: ['ann', 'bob'] });
    assert.deepEqual(await json(bob), { type: 'presence', names: ['ann', 'bob'] });
    await ann.send(JSON.stringify({ type: 'message', text: 'hi' }));
    for (const c of [ann, bob]) assert.deepEqual((({ type, name, text }) => [type, name, text])(await json(c)), ['message', 'ann', 'hi']);
    bob.close(1000, '');
    assert.deepEqual(await json(ann), { type: 'presence', names: ['ann'] });
    const cy = await join('cy');
    await json(cy);  // presence
    await cy.send(JSON.stringify({ type: 'history' }));
    const history = await json(cy);
    assert.deepEqual(history.messages.map((m) => [m.name, m.text]), [['ann', 'hi']]);
    const page = await fetch(`${chat.url}/rooms/lobby?name=ann`);
    assert.match(await page.text(), /<h1>lobby<\/h1>/);
  } finally {
    await chat.stop();
  }
});
