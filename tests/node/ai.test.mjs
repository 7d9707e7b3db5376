// Workers AI from Ruby (ruby/kiln/bindings/ai.rb, the `ai` operation of
// js/worker/bindings/ai.js). Workers AI runs remotely, even under `wrangler dev`
// (it needs a Cloudflare account; this machine is offline), so env.AI here
// is a JS test double of the remote service (tests/apps/ai/double.mjs): it
// answers the binding's run(model, inputs, options) with the shapes Workers
// AI returns (an object for text/embedding models, a ReadableStream of PNG
// bytes for images, a ReadableStream of Server-Sent Events for stream:
// true). It emulates no model: what it tests is the Ruby <-> JS contract and
// the streaming path. The same double on real workerd: tests/workerd/ai.test.mjs.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build, outDirFor } from '../../js/cli/build/build.js';
import { bindingKinds } from '../../js/worker/bindings/kinds.js';
import { Kiln } from '../../js/worker/kiln.js';
import { ROOT } from '../support/helpers.mjs';
import { parseSSE, readChunks } from '../support/stream.mjs';
import { PNG, TOKENS, WorkersAIDouble } from '../apps/ai/double.mjs';

const dir = path.join(ROOT, 'tests/apps/ai');
build(dir, { log: () => {} });
const out = outDirFor(dir, 'app.rb');
const { default: createKiln } = await import(path.join(out, 'kiln.mjs'));
const ai = new WorkersAIDouble();
const env = { AI: ai };
const app = await Kiln.create({
  createKiln, wasmModule: await WebAssembly.compile(fs.readFileSync(path.join(out, 'kiln.wasm'))),
  bundle: fs.readFileSync(path.join(out, 'app.kbc')), bindings: bindingKinds(env), printErr: () => {},
});
const get = (p) => app.fetch(new Request(`http://localhost${p}`), { env });

test('the binding is recognised as Workers AI', () => {
  assert.deepEqual(bindingKinds(env), { AI: 'ai' });
});

test('run: text in, the parsed result out; inputs and options reach the binding', async () => {
  assert.equal(await (await get('/ask?q=hi')).text(), 'echo: hi');
  assert.deepEqual(ai.calls.at(-1), { model: '@cf/meta/llama-3.1-8b-instruct', inputs: { prompt: 'hi' }, options: {} });
  const r = await get('/chat?q=why');
  assert.deepEqual(await r.json(), { response: 'echo: why', usage: { prompt_tokens: 3 } });
  assert.deepEqual(ai.calls.at(-1).inputs.messages, [{ role: 'system', content: 'terse' }, { role: 'user', content: 'why' }]);
  assert.deepEqual(ai.calls.at(-1).options, { gateway: { id: 'my-gateway' } });
});

test('run: embeddings (numbers) and images (a stream of bytes -> a binary String)', async () => {
  assert.equal(await (await get('/embed')).text(), '[2, 3] [0, 0.5, -1.25]');
  const r = await get('/image');
  assert.equal(r.headers.get('content-type'), 'image/png');
  assert.deepEqual(new Uint8Array(await r.arrayBuffer()), PNG);
});

test('a failing run is a Kiln::JSError naming the JS error', async () => {
  const r = await get('/missing-model');
  assert.equal(r.status, 502);
  assert.equal(await r.text(), 'AiError: AiError: No such model @cf/nope or task');
});

test('stream: true, piped into SSE: each token goes out as it arrives', async () => {
  const r = await get('/stream?q=go');
  assert.equal(r.headers.get('content-type'), 'text/event-stream;charset=utf-8');
  const chunks = await readChunks(r);
  assert.ok(chunks[0].at < ai.lastTokenAt - 50, `first event read at ${chunks[0].at}, last token at ${ai.lastTokenAt}`);
  const events = parseSSE(chunks.map((c) => c.text).join(''));
  assert.deepEqual(events.map((e) => JSON.parse(e.data).response), TOKENS);
  assert.equal(ai.calls.at(-1).inputs.stream, true);
});

test('the stream is Enumerable; leaving it early cancels the model stream', async () => {
  assert.equal(await (await get('/collect?q=x')).text(), TOKENS.join(''));
  const before = ai.cancelled;
  assert.equal(await (await get('/first?q=x')).text(), 'first=Hel');
  assert.equal(ai.cancelled, before + 1);
  assert.equal(await (await get('/ask?q=still')).text(), 'echo: still');
});
