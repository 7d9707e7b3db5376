// 2. Cold start: a fresh workerd process on the dry-run bundle, spawn to
// first 200, Kiln hello vs the plain JS worker, split into spawn ->
// listening (workerd loads the worker and runs its top-level code first)
// and the first request. Kiln boots its VM at the top level by default
// (js/worker/entry.js); KILN_BOOT=request boots it in the first request as
// before, which also gives the runtime's own split (server-timing with
// KILN_TIMING; workerd's clock does not move at the top level). Under node,
// fresh processes with V8 flags split wasm compilation from running.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Kiln } from '../../js/worker/kiln.js';
import { rawGet, serve } from './workerd.mjs';
import { stats } from './util.mjs';

export const COLD_TARGET_MS = 15;  // Kiln minus plain JS, spawn -> first 200

const PROBE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'boot_probe.mjs');

function parseServerTiming(header = '') {
  const out = {};
  for (const m of header.matchAll(/(\w+);dur=([\d.]+)/g)) out[m[1]] = Number(m[2]);
  return out;
}

// One fresh workerd: spawn -> listening, first request, second request.
async function once(bundle, vars, v8Flags = []) {
  const s = await serve(bundle, { vars, probe: '/', v8Flags });
  try {
    const t0 = performance.now();
    const second = await rawGet(s.port, '/');
    const secondRequestMs = performance.now() - t0;
    if (second.status !== 200) throw new Error(`second GET /: ${second.status}`);
    return { coldMs: s.coldMs, listenMs: s.listenMs, firstRequestMs: s.firstRequestMs, secondRequestMs, headers: s.first.headers };
  } finally {
    await s.stop();
  }
}

export async function measureColdStart({ kilnBundle, jsBundle, repeats }) {
  const production = { KILN_ENV: 'production' };
  const workers = {
    kiln: [kilnBundle, production],
    kilnAtRequest: [kilnBundle, { ...production, KILN_BOOT: 'request', KILN_TIMING: '1' }],
    js: [jsBundle, {}],
    // Experiments only (Cloudflare sets its own V8 flags): the same top-level
    // boot without tier-up, and with the whole module compiled up front.
    kilnLiftoffOnly: [kilnBundle, production, ['--liftoff-only']],
    kilnEager: [kilnBundle, production, ['--no-wasm-lazy-compilation']],
  };
  const samples = Object.fromEntries(Object.keys(workers).map((k) => [k, []]));
  const instantiate = [], boot = [];
  for (let i = 0; i < repeats; i++) {
    // Alternate so drift on the shared machine hits every worker alike.
    for (const [name, [bundle, vars, flags]] of Object.entries(workers)) {
      const r = await once(bundle, vars, flags);
      samples[name].push(r);
      if (name !== 'kilnAtRequest') continue;
      const t = parseServerTiming(r.headers['server-timing']);
      if (!('instantiate' in t && 'boot' in t)) throw new Error(`no server-timing from Kiln with KILN_TIMING set: ${JSON.stringify(r.headers)}`);
      instantiate.push(t.instantiate);
      boot.push(t.boot);
    }
  }
  const summary = (list) => Object.fromEntries(['coldMs', 'listenMs', 'firstRequestMs', 'secondRequestMs'].map((k) => [k, stats(list.map((r) => r[k]))]));
  const w = Object.fromEntries(Object.entries(samples).map(([k, list]) => [k, summary(list)]));
  const med = (name, k) => w[name][k].median;
  const differenceMs = med('kiln', 'coldMs') - med('js', 'coldMs');
  return {
    workers: w, ratio: med('kiln', 'coldMs') / med('js', 'coldMs'), differenceMs, targetMs: COLD_TARGET_MS,
    inWorkerd: { instantiateMs: stats(instantiate), vmBootMs: stats(boot) },
    // Differences of medians: what each step adds to the time to listening.
    breakdown: {
      workerdWithJs: med('js', 'listenMs'),
      kilnModule: med('kilnAtRequest', 'listenMs') - med('js', 'listenMs'),
      topLevelBoot: med('kiln', 'listenMs') - med('kilnAtRequest', 'listenMs'),
    },
  };
}

// node [flags] boot_probe.mjs, repeats times per flag set.
function probe(flags, dir, repeats) {
  const runs = [];
  for (let i = 0; i < repeats; i++) {
    const out = execFileSync(process.execPath, [...flags, PROBE, dir], { encoding: 'utf8', timeout: 60_000 });
    runs.push(JSON.parse(out.trim().split('\n').at(-1)));
  }
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, stats(runs.map((r) => r[k]))]));
}

// V8 flags for the fresh-process split (node 20's V8 compiles wasm lazily,
// each function with Liftoff on its first call, hot ones again with TurboFan).
export const PROBE_FLAGS = {
  default: [],
  'liftoff-only': ['--liftoff-only'],
  'eager compile': ['--no-wasm-lazy-compilation'],
};

// Under node: wasm compile, instantiate, and mruby boot for the hello app
// and for an app with no routes (the difference is the app's own load), in
// one process; then fresh processes per V8 flag set (boot_probe.mjs).
export async function measureBootUnderNode({ helloBuild, emptyBuild, repeats }) {
  const load = async (dir) => {
    const wasm = fs.readFileSync(path.join(dir, 'kiln.wasm'));
    const { default: createKiln } = await import(pathToFileURL(path.join(dir, 'kiln.mjs')).href);
    return { wasm, createKiln, bundle: fs.readFileSync(path.join(dir, 'app.kbc')) };
  };
  const hello = await load(helloBuild), empty = await load(emptyBuild);
  const compile = [], instantiate = [], vmBoot = [], emptyBoot = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const wasmModule = await WebAssembly.compile(hello.wasm);
    compile.push(performance.now() - t0);
    const h = await Kiln.create({ createKiln: hello.createKiln, wasmModule, bundle: hello.bundle, vars: { KILN_ENV: 'production' } });
    instantiate.push(h.timing.instantiateMs);
    vmBoot.push(h.timing.vmBootMs);
    const e = await Kiln.create({ createKiln: empty.createKiln, wasmModule, bundle: empty.bundle, vars: { KILN_ENV: 'production' } });
    emptyBoot.push(e.timing.vmBootMs);
  }
  const vm = stats(emptyBoot), all = stats(vmBoot);
  const freshProcess = Object.fromEntries(Object.entries(PROBE_FLAGS).map(([name, flags]) => [name, { flags, ...probe(flags, helloBuild, repeats) }]));
  return {
    wasmCompileMs: stats(compile), instantiateMs: stats(instantiate),
    vmBootMs: vm, appLoadMs: Math.max(0, all.median - vm.median), bootTotalMs: all, freshProcess,
    lazyCompiled: lazyCompiled(helloBuild, codeSectionBytes(hello.wasm)),
  };
}

// The size of a wasm binary's code section (function bodies).
function codeSectionBytes(wasm) {
  const leb = (at) => {
    let value = 0, shift = 0, b;
    do { b = wasm[at++]; value += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return [value, at];
  };
  for (let at = 8; at < wasm.length;) {
    const id = wasm[at];
    const [size, start] = leb(at + 1);
    if (id === 10) return size;
    at = start + size;
  }
  return 0;
}

// What V8 compiles lazily (Liftoff) for a boot and two requests: V8's own
// per-function trace from one fresh process.
function lazyCompiled(dir, codeBytes) {
  const out = execFileSync(process.execPath, ['--liftoff-only', '--trace-wasm-compilation-times', PROBE, dir], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  const fns = [...out.matchAll(/using Liftoff, took (\d+) ms .*?bodysize (\d+) codesize (\d+)/g)].map(([, ms, body, code]) => ({ ms: +ms, body: +body, code: +code }));
  const largest = fns.reduce((a, b) => (b.body > a.body ? b : a), { body: 0, ms: 0 });
  return {
    functions: fns.length, wasmBytes: fns.reduce((a, f) => a + f.body, 0), codeSectionBytes: codeBytes,
    machineCodeBytes: fns.reduce((a, f) => a + f.code, 0), largest,
  };
}
