// Workers AI from Ruby on real workerd (wrangler dev), with the test double
// of the remote service standing in for env.AI (tests/apps/ai/test-worker.mjs):
// results cross workerd's streams, and a model's stream reaches the client
// as Server-Sent Events while the model is still producing it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { PNG, TOKENS } from '../apps/ai/double.mjs';
import { ROOT, startWrangler } from '../support/helpers.mjs';
import { parseSSE, readChunks } from '../support/stream.mjs';

let server;
let url;
before(async () => {
  server = await startWrangler(path.join(ROOT, 'tests/apps/ai'));
  url = server.url;
});
after(async () => { await server?.stop(); });

test('run: text, embeddings, image bytes, errors', async () => {
  assert.equal(await (await fetch(`${url}/ask?q=hi`)).text(), 'echo: hi');
  assert.equal(await (await fetch(`${url}/embed`)).text(), '[2, 3] [0, 0.5, -1.25]');
  assert.deepEqual(new Uint8Array(await (await fetch(`${url}/image`)).arrayBuffer()), PNG);
  const r = await fetch(`${url}/missing-model`);
  assert.equal(r.status, 502);
  assert.match(await r.text(), /No such model @cf\/nope/);
});

test('a model stream piped into SSE arrives token by token', async () => {
  const r = await fetch(`${url}/stream?q=go`);
  assert.equal(r.headers.get('content-type'), 'text/event-stream;charset=utf-8');
  const chunks = await readChunks(r);
  const events = parseSSE(chunks.map((c) => c.text).join(''));
  assert.deepEqual(events.map((e) => JSON.parse(e.data).response), TOKENS);
  // The double sends a piece every 40 ms: buffered, they would arrive at once
  // (how many reads it takes depends on the client's pace, so only >= 2).
  assert.ok(chunks.length >= 2, `${chunks.length} reads`);
  assert.ok(chunks.at(-1).at - chunks[0].at > 150, `spread over ${chunks.at(-1).at - chunks[0].at} ms`);
});

test('Enumerable stream; leaving early; the isolate serves on', async () => {
  assert.equal(await (await fetch(`${url}/collect?q=x`)).text(), TOKENS.join(''));
  assert.equal(await (await fetch(`${url}/first?q=x`)).text(), 'first=Hel');
  assert.equal(await (await fetch(`${url}/ask?q=still`)).text(), 'echo: still');
});
