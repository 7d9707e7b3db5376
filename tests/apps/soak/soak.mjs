// Sends N requests across tests/apps/soak's routes through one runtime under
// node (no workerd) and samples wasm memory (HEAPU8.length) and the process's
// RSS every `every` requests. Any status other than the route's expected one
// is an error. The mix includes 413s (a declared 95 MB body, a chunked one
// past max_body_size) and an allocation past the wasm memory cap (a 500);
// the CLI first reports each kind's peak wasm memory (peaks).
import { build } from '../../../js/cli/build/build.js';
import { loadApp } from '../../../js/node/load_app.js';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const APP_DIR = path.dirname(fileURLToPath(import.meta.url));
const json = JSON.stringify({ items: [{ n: 1 }, { n: 2 }, { n: 39 }], note: 'caf\u00e9' });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

// A body stream of `size` bytes in 64 KiB chunks (sent without a
// Content-Length), one chunk object reused.
const CHUNK = new Uint8Array(64 << 10);
function chunked(size) {
  let left = size;
  return new ReadableStream({
    pull(c) {
      if (left <= 0) return c.close();
      left -= CHUNK.length;
      c.enqueue(CHUNK);
    },
  });
}
// A 95 MB body with its Content-Length: refused before any of it is read
// (a stream, so the client side does not copy 95 MB per request either).
const DECLARED = 95 << 20;

// Every route of the mix, for the per-kind memory figures.
export const KINDS = 17;

// [method, path, expected status, init] for request i.
function pick(i, cookie) {
  switch (i % KINDS) {
    case 14: return ['POST', '/upload', 413, { body: chunked(DECLARED), duplex: 'half', headers: { 'content-length': String(DECLARED) } }];
    case 15: return ['POST', '/upload', 413, { body: chunked(2 << 20), duplex: 'half' }];
    case 16: return ['GET', '/hog', 500];
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

const load = (errors) => loadApp(APP_DIR, {
    vars: { KILN_ENV: 'production', SESSION_SECRET: 's'.repeat(64) },
    print: () => {},
    printErr: (line) => { if (!/expected failure|unknown operation|NoMemoryError|^\s|^kiln: /.test(line)) errors.push(line); },
  });

// One request of the mix; its status, or an unexpected-status line.
async function send(app, i, cookie) {
  const [method, p, expected, init = {}] = pick(i, cookie);
  const res = await app.fetch(new Request(`http://example.org${p}`, { method, redirect: 'manual', ...init }));
  await res.arrayBuffer();
  const set = res.headers.get('set-cookie');
  return { wrong: res.status === expected ? null : `${method} ${p}: ${res.status} (expected ${expected})`, cookie: set ? set.split(';')[0] : cookie };
}

// Wasm memory only grows, so a kind's peak is what a fresh instance grows
// to while serving `n` requests of that kind alone: [{kind, route, heap}].
export async function peaks(n = 200) {
  build(APP_DIR, { log: null });
  const out = [];
  for (let kind = 0; kind < KINDS; kind++) {
    const app = await load([]);
    let cookie = null;
    for (let j = 0; j < n; j++) ({ cookie } = await send(app, kind, cookie));
    const [method, p] = pick(kind, null);
    out.push({ kind, route: `${method} ${p.replace(/[?].*|\d+/g, (m) => (m[0] === '?' ? '?…' : 'N'))}`, heap: app.module.HEAPU8.length });
  }
  return out;
}

export async function soak(n, { every = 10_000, report = () => {} } = {}) {
  build(APP_DIR, { log: null });
  const errors = [];
  const app = await load(errors);
  const samples = [];
  const sample = (done) => {
    const s = { requests: done, heap: app.module.HEAPU8.length, pending: app.module._kiln_pending(), rss: process.memoryUsage().rss };
    samples.push(s);
    report(s);
  };
  let cookie = null;
  const unexpected = [];
  sample(0);
  for (let i = 0; i < n; ++i) {
    let wrong;
    ({ wrong, cookie } = await send(app, i, cookie));
    if (wrong) unexpected.push(wrong);
    if ((i + 1) % every === 0) sample(i + 1);
  }
  if (n % every) sample(n);
  return { samples, unexpected, errors };
}

// CLI: node tests/apps/soak/soak.mjs [N]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 100_000);
  console.log('peak wasm memory per request kind (a fresh instance, 200 requests of that kind alone):');
  for (const { route, heap } of await peaks()) console.log(`  ${route.padEnd(32)} ${(heap / 1048576).toFixed(2)} MiB`);
  const started = Date.now();
  const { samples, unexpected, errors } = await soak(n, {
    report: (s) => console.log(`${String(s.requests).padStart(8)} requests  wasm memory ${(s.heap / 1048576).toFixed(2)} MiB  RSS ${(s.rss / 1048576).toFixed(0)} MiB`),
  });
  const secs = (Date.now() - started) / 1000;
  console.log(`${n} requests in ${secs.toFixed(1)} s (${Math.round(n / secs)}/s); unexpected statuses: ${unexpected.length}; unexpected log lines: ${errors.length}`);
  for (const line of [...unexpected, ...errors].slice(0, 20)) console.log(`  ${line}`);
  const warm = samples.find((s) => s.requests >= Math.min(10_000, n)) ?? samples.at(-1);
  console.log(`memory after warm-up (${warm.requests}): ${warm.heap} bytes; at the end: ${samples.at(-1).heap} bytes`);
  process.exit(unexpected.length || errors.length ? 1 : 0);
}
