// 4. Ruby CPU: the same workloads bytecode in Kiln's wasm (under node, timed
// per request minus an empty request) and in native mruby built from the
// same source (.deps host libmruby.a + bench/native_mruby.cpp).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, ROOT, run, stats } from './util.mjs';

export const WORKLOADS = ['fib', 'strings', 'roundtrip'];
export const CPU_TARGET_RATIO = 3;

const HOST_BUILD = path.join(ROOT, '.deps/mruby-build/host');

async function time(kiln, url) {
  const t0 = performance.now();
  const res = await kiln.fetch(new Request(url));
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${text}`);
  return { ms, text };
}

// Builds the driver with the defines libmruby.a was built with (mrb_value's
// layout depends on them) and compiles the workloads to bytecode.
function buildNative() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-native-'));
  const defines = fs.readFileSync(path.join(HOST_BUILD, 'kiln-defines.txt'), 'utf8').trim().split(/\s+/).map((d) => `-D${d}`);
  const exe = path.join(tmp, 'native_mruby');
  run('g++', ['-O2', '-std=c++17', ...defines, '-I', path.join(ROOT, '.deps/mruby-3.1.0/include'),
    path.join(BENCH, 'native_mruby.cpp'), path.join(HOST_BUILD, 'lib/libmruby.a'), '-lm', '-o', exe], { timeoutMs: 180_000 });
  const mrb = path.join(tmp, 'workloads.mrb');
  run(path.join(HOST_BUILD, 'bin/mrbc'), ['-g', '-o', mrb, 'workloads.rb'], { cwd: path.join(BENCH, 'apps/kiln') });
  return { exe, mrb, defines };
}

function runNative({ exe, mrb }, name) {
  const [, result, ms] = run(exe, [mrb, '1', name], { timeoutMs: 120_000 }).trim().split(' ');
  return { result, ms: Number(ms) };
}

// Wasm and native runs alternate, so load from other jobs on the machine
// hits both sides of each ratio alike.
export async function measureCpu(kiln, { repeats }) {
  const native = buildNative();
  const empty = [];
  for (let i = 0; i < 50; i++) empty.push((await time(kiln, 'http://localhost/')).ms);
  const overhead = stats(empty).median;
  const workloads = {};
  for (const name of WORKLOADS) {
    const url = `http://localhost/cpu/${name}`;
    const { text: result } = await time(kiln, url);  // warm-up
    const wasmMs = [], nativeMs = [];
    for (let i = 0; i < repeats; i++) {
      wasmMs.push((await time(kiln, url)).ms - overhead);
      const n = runNative(native, name);
      if (n.result !== result) throw new Error(`${name}: wasm result ${result} != native ${n.result}`);
      nativeMs.push(n.ms);
    }
    const w = stats(wasmMs), nv = stats(nativeMs);
    workloads[name] = { result, wasmMs: w, nativeMs: nv, ratio: w.median / nv.median };
  }
  return {
    workloads, requestOverheadMs: overhead, targetRatio: CPU_TARGET_RATIO,
    nativeBuild: 'g++ -O2 (driver); libmruby.a as built by scripts/setup', nativeDefines: native.defines,
  };
}
