// Real workerd: `wrangler dev` serving examples/hello, with real HTTP.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';

let server;
before(async () => { server = await startWrangler(path.join(ROOT, 'examples/hello')); });
after(async () => { await server?.stop(); });

test('GET / and /hello/:name over HTTP', async () => {
  let r = await fetch(`${server.url}/`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html;charset=utf-8');
  assert.equal(await r.text(), 'Hello from Kiln');
  r = await fetch(`${server.url}/hello/world`);
  assert.equal(await r.text(), 'Hello world');
});

test('404 for unknown paths', async () => {
  const r = await fetch(`${server.url}/no/such/page`);
  assert.equal(r.status, 404);
  assert.equal(await r.text(), '<h1>Not Found</h1>');
});

test('50 concurrent requests, each awaiting a timer, get their own answers', async () => {
  const ms = Array.from({ length: 50 }, (_, i) => 10 + i);
  const bodies = await Promise.all(ms.map((n) => fetch(`${server.url}/nap/${n}`).then((r) => r.text())));
  assert.deepEqual(bodies.map((b) => b.replace(/ \(\d+ napping\)$/, '')), ms.map((n) => `slept ${n} ms`));
  // Interleaved in one isolate: some request woke while others still slept
  // (served one at a time, each would see only itself). Not a timing check:
  // how many overlap depends on how fast the requests arrive.
  assert.ok(Math.max(...bodies.map((b) => +b.match(/\((\d+) napping\)$/)[1])) > 1, bodies.join('\n'));
});

test('the repository root wrangler.toml serves the same example', async () => {
  const root = await startWrangler(ROOT);
  try {
    const r = await fetch(`${root.url}/hello/root`);
    assert.equal(await r.text(), 'Hello root');
  } finally {
    await root.stop();
  }
});
