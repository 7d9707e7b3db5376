// 4. Ruby CPU: the same workloads bytecode in Kiln's wasm (under node, and
// on bare workerd when a server is given: CPU time per request minus an
// empty request) and in native mruby built from the same source
// (native_mruby.mjs), in CPU time.
import { buildNatives, runNative } from './native_mruby.mjs';
import { stats } from './util.mjs';
import { processCpuMs, rawGet } from './workerd.mjs';

export const WORKLOADS = ['fib', 'strings', 'roundtrip'];
export const CPU_TARGET_RATIO = 3;

// All three sides are timed in CPU time, not wall clock: on a shared
// machine other jobs preempt a run without adding to its CPU time.
const nodeCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

async function timeNode(kiln, url) {
  const t0 = nodeCpuMs();
  const res = await kiln.fetch(new Request(url));
  const text = await res.text();
  const ms = nodeCpuMs() - t0;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
  return { ms, text };
}

// One GET to workerd, sequential: the CPU time workerd's process used
// meanwhile (all its threads, from /proc).
async function timeWorkerd({ port, pid }, pathname) {
  const t0 = processCpuMs(pid);
  const res = await rawGet(port, pathname, 120_000);
  const ms = processCpuMs(pid) - t0;
  if (res.status !== 200) throw new Error(`workerd ${pathname}: ${res.status} ${res.body.slice(0, 500)}`);
  return { ms, text: res.body };
}

async function overhead(time) {
  const empty = [];
  for (let i = 0; i < 50; i++) empty.push((await time('/')).ms);
  return stats(empty).median;
}

// variants: native builds to compare with, the first one the headline
// baseline (native_mruby.mjs VARIANTS). workerd: { port, pid } of a bare
// workerd serving bench/apps/kiln, or null. Runs alternate (wasm, workerd,
// each native) so load from other jobs hits every column alike.
export async function measureCpu(kiln, { repeats, variants, workerd = null }) {
  const { mrb, natives } = buildNatives(variants);
  const node = (p) => timeNode(kiln, `http://localhost${p}`);
  const wd = workerd && ((p) => timeWorkerd(workerd, p));
  const overheadMs = { node: await overhead(node), workerd: wd ? await overhead(wd) : null };
  const workloads = {};
  for (const name of WORKLOADS) {
    const route = `/cpu/${name}`;
    const { text: result } = await node(route);  // warm-up
    if (wd && (await wd(route)).text !== result) throw new Error(`${name}: workerd and node results differ`);
    const wasmMs = [], workerdMs = [], nativeMs = Object.fromEntries(variants.map((v) => [v, []]));
    for (let i = 0; i < repeats; i++) {
      wasmMs.push((await node(route)).ms - overheadMs.node);
      if (wd) workerdMs.push((await wd(route)).ms - overheadMs.workerd);
      for (const v of variants) {
        const n = runNative(natives[v], mrb, name);
        if (n.result !== result) throw new Error(`${name}: wasm result ${result} != native (${v}) ${n.result}`);
        nativeMs[v].push(n.ms);
      }
    }
    const w = stats(wasmMs), wk = wd ? stats(workerdMs) : null;
    const native = Object.fromEntries(variants.map((v) => [v, stats(nativeMs[v])]));
    const ratios = Object.fromEntries(variants.map((v) => [v, w.median / native[v].median]));
    workloads[name] = {
      result, wasmMs: w, workerdMs: wk, native, ratios, ratio: ratios[variants[0]],
      workerdRatio: wk ? wk.median / native[variants[0]].median : null,
    };
  }
  return {
    workloads, requestOverheadMs: overheadMs, targetRatio: CPU_TARGET_RATIO, baseline: variants[0],
    natives: Object.fromEntries(variants.map((v) => [v, { label: natives[v].label, defines: natives[v].defines }])),
    driver: 'bench/native_mruby.cpp, g++ -O2',
  };
}
