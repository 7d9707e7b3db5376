// CPU time per request under node, A/B between Kiln trees, interleaved in
// one process (bench/run's req/s is noise on a shared machine; CPU time of
// this process is not, much). Not part of bench/run.
//
//   node bench/profile.mjs [--rounds 15] [--n 300] [TREE...]
//     TREE: a directory with js/ and dist/kiln.{wasm,mjs} (default: this
//     checkout). Snapshot a baseline with e.g.
//       mkdir -p /tmp/base && cp -r js dist /tmp/base/
//     then: node bench/profile.mjs /tmp/base .
//   node --cpu-prof bench/profile.mjs --loop /json --count 5000 [TREE]   (one route, one tree)
//
// Every tree runs bench/apps/kiln built by its own `kiln build`, and
// the plain JS baseline (bench/baselines/js) runs in the same loop. Figures:
// median over rounds of (user + system CPU µs) / request, response body read;
// per await: (/await/1000 - /await/0) / 1000.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ROUTES = ['/', '/hello/world', '/json', '/page'];

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const [, v] = args.splice(i, 2);
  return v;
};
const rounds = Number(opt('--rounds', 15));
const n = Number(opt('--n', 300));
const loop = opt('--loop', null);
const loopN = Number(opt('--count', 3000));
const trees = (args.length ? args : [ROOT]).map((t) => path.resolve(t));

const appDir = path.join(ROOT, 'bench/apps/kiln');

async function load(tree, i) {
  // The app built by the tree's own `kiln build` (templates are compiled
  // there), into a directory of its own.
  const { build } = await import(pathToFileURL(path.join(tree, 'js/cli/build/build.js')).href);
  const outDir = path.join(os.tmpdir(), `kiln-profile-${process.pid}-${i}`);
  build(appDir, { outDir, log: null });
  const bundle = fs.readFileSync(path.join(outDir, 'app.kbc'));
  fs.rmSync(outDir, { recursive: true, force: true });
  const { Kiln } = await import(pathToFileURL(path.join(tree, 'js/worker/kiln.js')).href);
  const { default: createKiln } = await import(pathToFileURL(path.join(tree, 'dist/kiln.mjs')).href);
  const wasmModule = await WebAssembly.compile(fs.readFileSync(path.join(tree, 'dist/kiln.wasm')));
  const kiln = await Kiln.create({ createKiln, wasmModule, bundle, vars: { KILN_ENV: 'production' } });
  return { name: path.relative(process.cwd(), tree) || '.', fetch: (r) => kiln.fetch(r) };
}

const { default: plain } = await import(pathToFileURL(path.join(ROOT, 'bench/baselines/js/worker.mjs')).href);
const variants = [...await Promise.all(trees.map((t, i) => load(t, i))), { name: 'plain JS', fetch: (r) => plain.fetch(r) }];

async function hit(v, route) {
  const res = await v.fetch(new Request(`http://localhost${route}`));
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${v.name} ${route}: ${res.status} ${text.slice(0, 200)}`);
  return text;
}

const cpu = () => { const u = process.cpuUsage(); return u.user + u.system; };
async function perRequest(v, route, count) {
  const t0 = cpu();
  for (let i = 0; i < count; i++) await hit(v, route);
  return (cpu() - t0) / count;
}

if (loop) {
  const v = variants[0];
  for (let i = 0; i < loopN; i++) await hit(v, loop);
  console.log(`${loopN} × ${loop} on ${v.name}`);
  process.exit(0);
}

// Same bytes from every tree (the plain JS one differs in its greeting).
for (const route of ROUTES) {
  const bodies = new Set();
  for (const v of variants.slice(0, -1)) bodies.add(await hit(v, route));
  if (bodies.size !== 1) throw new Error(`${route}: trees answer differently`);
}

const results = new Map();
const record = (key, us) => (results.get(key) ?? results.set(key, []).get(key)).push(us);
for (const v of variants) for (const route of ROUTES) await perRequest(v, route, 50);  // warm-up
for (let r = 0; r < rounds; r++) {
  for (const route of ROUTES) {
    for (const v of variants) record(`${route}\t${v.name}`, await perRequest(v, route, n));
  }
  for (const v of variants.slice(0, -1)) {
    const base = await perRequest(v, '/await/0', 20);
    const many = await perRequest(v, '/await/1000', 2);
    record(`await\t${v.name}`, (many - base) / 1000);
  }
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
console.log(`CPU µs per request (median of ${rounds} rounds × ${n}; min–max), load ${fsLoad()}`);
for (const [key, xs] of results) {
  const s = [...xs].sort((a, b) => a - b);
  console.log(`${key}\t${median(xs).toFixed(1)}\t(${s[0].toFixed(1)}–${s[s.length - 1].toFixed(1)})`);
}

function fsLoad() {
  try { return fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '); } catch { return '?'; }
}
