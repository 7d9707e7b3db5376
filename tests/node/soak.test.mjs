// Short soak (scripts/soak runs the long form): 8 000 requests across a mix
// of routes through one runtime; no unexpected status or log line, and wasm
// memory does not grow after warm-up.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { soak } from '../apps/soak/soak.mjs';

test('8 000 mixed requests: all as expected, memory flat after warm-up', async () => {
  const { samples, unexpected, errors } = await soak(8000, { every: 1000 });
  assert.deepEqual(unexpected, []);
  assert.deepEqual(errors, []);
  const warm = samples.find((s) => s.requests === 4000).heap;
  const end = samples.at(-1).heap;
  // Wasm memory only grows; the first 4 000 requests warm the heap up (GC
  // arenas, symbol table, route caches: one 1.6 MiB growth step, at about
  // 2 700 requests since routes stopped throwing :halt). After that, at most
  // one more 1 MiB step over the next 4 000 requests.
  assert.ok(end - warm <= 1 << 20, `memory grew from ${warm} to ${end} bytes after warm-up`);
  assert.ok(samples.every((s) => s.pending === 0));
});
