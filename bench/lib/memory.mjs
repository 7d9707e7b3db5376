// 6. Memory under node: wasm linear memory and the JS heap after 1, 1 000
// and 10 000 requests (mixed routes, a few awaiting). Growth between the
// last two checkpoints is what would show a leak.
const ROUTES = ['/', '/hello/memory', '/json', '/page', '/await/3'];

export async function measureMemory(kiln, { checkpoints }) {
  const points = [];
  let done = 0;
  for (const target of checkpoints) {
    for (; done < target; done++) {
      const res = await kiln.fetch(new Request(`http://localhost${ROUTES[done % ROUTES.length]}`));
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`request ${done}: status ${res.status}`);
    }
    globalThis.gc?.();
    const mem = process.memoryUsage();
    points.push({ requests: done, wasmBytes: kiln.module.HEAPU8.length, jsHeapUsed: mem.heapUsed, rss: mem.rss });
  }
  const [a, b] = points.slice(-2);
  return { points, gcExposed: typeof globalThis.gc === 'function', wasmGrowthLastStep: b.wasmBytes - a.wasmBytes, heapGrowthLastStep: b.jsHeapUsed - a.jsHeapUsed };
}
