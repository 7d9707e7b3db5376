// Sends N requests across tests/apps/soak's routes through one runtime under
// node (no workerd) and samples wasm memory (HEAPU8.length) every `every`
// requests. Any status other than the route's expected one is an error.
import { build } from '../../../js/cli/build/build.js';
import { loadApp } from '../../../js/node/load_app.js';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const APP_DIR = path.dirname(fileURLToPath(import.meta.url));
const json = JSON.stringify({ items: [{ n: 1 }, { n: 2 }, { n: 39 }], note: 'caf\u00e9' });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

// [method, path, expected status, init] for request i.
function pick(i, cookie) {
  switch (i % 14) {
    case 0: return ['GET', '/', 200];
    case 1: return ['GET', `/hello/n${i}`, 200];
    case 2: return ['GET', `/files/a/b${i}.tar.gz`, 200];
    case 3: return ['GET', `/query?a=${i}&b[]=1&b[]=2&c[d]=%C3%A9`, 200];
    case 4: return ['POST', '/form', 200, { body: `x=${i}&y[z]=${'v'.repeat(i % 200)}`, headers: form }];
    case 5: return ['POST', '/json', 200, { body: json, headers: { 'content-type': 'application/json' } }];
    case 6: return ['GET', '/session', 200, { headers: cookie ? { cookie } : {} }];
    case 7: return ['GET', '/await', 200];
    case 8: return ['GET', '/halt', 403];
    case 9: return ['GET', '/redirect', 302];
    case 10: return ['GET', '/raise', 500];
    case 11: return ['GET', '/big', 200];
    case 12: return ['GET', `/digest?s=${i}`, 200];
    default: return ['GET', `/missing/${i}`, 404];
  }
}

export async function soak(n, { every = 10_000, report = () => {} } = {}) {
  build(APP_DIR, { log: null });
  const errors = [];
  const app = await loadApp(APP_DIR, {
    vars: { KILN_ENV: 'production', SESSION_SECRET: 's'.repeat(64) },
    print: () => {},
    printErr: (line) => { if (!/expected failure|unknown operation|^\s|^kiln: /.test(line)) errors.push(line); },
  });
  const samples = [];
  const sample = (done) => {
    const s = { requests: done, heap: app.module.HEAPU8.length, pending: app.module._kiln_pending() };
    samples.push(s);
    report(s);
  };
  let cookie = null;
  const unexpected = [];
  sample(0);
  for (let i = 0; i < n; ++i) {
    const [method, p, expected, init = {}] = pick(i, cookie);
    const res = await app.fetch(new Request(`http://example.org${p}`, { method, redirect: 'manual', ...init }));
    await res.arrayBuffer();
    if (res.status !== expected) unexpected.push(`${method} ${p}: ${res.status} (expected ${expected})`);
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0];
    if ((i + 1) % every === 0) sample(i + 1);
  }
  if (n % every) sample(n);
  return { samples, unexpected, errors };
}

// CLI: node tests/apps/soak/soak.mjs [N]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 100_000);
  const started = Date.now();
  const { samples, unexpected, errors } = await soak(n, {
    report: (s) => console.log(`${String(s.requests).padStart(8)} requests  wasm memory ${(s.heap / 1048576).toFixed(2)} MiB`),
  });
  const secs = (Date.now() - started) / 1000;
  console.log(`${n} requests in ${secs.toFixed(1)} s (${Math.round(n / secs)}/s); unexpected statuses: ${unexpected.length}; unexpected log lines: ${errors.length}`);
  for (const line of [...unexpected, ...errors].slice(0, 20)) console.log(`  ${line}`);
  const warm = samples.find((s) => s.requests >= Math.min(10_000, n)) ?? samples.at(-1);
  console.log(`memory after warm-up (${warm.requests}): ${warm.heap} bytes; at the end: ${samples.at(-1).heap} bytes`);
  process.exit(unexpected.length || errors.length ? 1 : 0);
}
