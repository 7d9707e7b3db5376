// 2. Cold start: a fresh workerd process on the dry-run bundle, spawn to
// first 200, Kiln hello vs the plain JS worker; plus the split inside the
// runtime (workerd's server-timing header with KILN_TIMING set, and the
// same steps under node, where wasm compile can be timed on its own).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kiln } from '../../js/runtime.js';
import { serve } from './workerd.mjs';
import { stats } from './util.mjs';

function parseServerTiming(header = '') {
  const out = {};
  for (const m of header.matchAll(/(\w+);dur=([\d.]+)/g)) out[m[1]] = Number(m[2]);
  return out;
}

export async function measureColdStart({ kilnBundle, jsBundle, repeats }) {
  const kiln = [], js = [], instantiate = [], boot = [];
  for (let i = 0; i < repeats; i++) {
    // Alternate so drift on the shared machine hits both alike.
    const k = await serve(kilnBundle, { vars: { KILN_ENV: 'production', KILN_TIMING: '1' }, probe: '/' });
    await k.stop();
    kiln.push(k.coldMs);
    const t = parseServerTiming(k.first.headers['server-timing']);
    if (!('instantiate' in t && 'boot' in t)) throw new Error(`no server-timing from Kiln with KILN_TIMING set: ${JSON.stringify(k.first.headers)}`);
    instantiate.push(t.instantiate);
    boot.push(t.boot);
    const j = await serve(jsBundle, { probe: '/' });
    await j.stop();
    js.push(j.coldMs);
  }
  const kilnS = stats(kiln), jsS = stats(js);
  return {
    kiln: kilnS, js: jsS, ratio: kilnS.median / jsS.median,
    inWorkerd: { instantiateMs: stats(instantiate), vmBootMs: stats(boot) },
  };
}

// Under node: wasm compile, instantiate, and mruby boot for the hello app
// and for an app with no routes (the difference is the app's own load).
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
  return {
    // The first boot in the process runs wasm code V8 has not tiered up yet.
    firstBootMs: vmBoot[0],
    wasmCompileMs: stats(compile), instantiateMs: stats(instantiate),
    vmBootMs: vm, appLoadMs: Math.max(0, all.median - vm.median), bootTotalMs: all,
  };
}
