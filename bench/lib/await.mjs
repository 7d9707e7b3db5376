// 5. Await overhead: a route doing N Kiln.await(:echo, i) (each resolves at
// once), per await, vs awaiting the same operation N times in plain JS.
import { perform } from '../../js/worker/operations.js';
import { stats } from './util.mjs';

// Plain JS awaits are ~100x cheaper: more of them keep the timer's
// resolution out of the figure.
const JS_SCALE = 20;

async function timeRoute(kiln, n) {
  const t0 = performance.now();
  const res = await kiln.fetch(new Request(`http://localhost/await/${n}`));
  const text = await res.text();
  if (text !== String(n)) throw new Error(`/await/${n}: ${res.status} ${text}`);
  return performance.now() - t0;
}

async function timeJs(n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    if (await perform('echo', [i], {}) !== i) throw new Error('echo returned something else');
  }
  return performance.now() - t0;
}

export async function measureAwait(kiln, { n, repeats }) {
  await timeRoute(kiln, n);  // warm-up
  await timeJs(n);
  const kilnUs = [], jsUs = [];
  for (let r = 0; r < repeats; r++) {
    const base = await timeRoute(kiln, 0);
    kilnUs.push(((await timeRoute(kiln, n)) - base) * 1000 / n);
    jsUs.push((await timeJs(n * JS_SCALE)) * 1000 / (n * JS_SCALE));
  }
  const k = stats(kilnUs), j = stats(jsUs);
  return { n, kilnUsPerAwait: k, jsUsPerAwait: j, ratio: k.median / j.median };
}
