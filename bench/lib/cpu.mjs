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

export async function measureWasmCpu(kiln, { repeats }) {
  const empty = [];
  for (let i = 0; i < 50; i++) empty.push((await time(kiln, 'http://localhost/')).ms);
  const overhead = stats(empty).median;
  const out = { requestOverheadMs: overhead };
  for (const name of WORKLOADS) {
    const url = `http://localhost/cpu/${name}`;
    const { text: result } = await time(kiln, url);  // warm-up
    const ms = [];
    for (let i = 0; i < repeats; i++) ms.push((await time(kiln, url)).ms - overhead);
    out[name] = { result, ms: stats(ms) };
  }
  return out;
}

// Builds the driver with the defines libmruby.a was built with (mrb_value's
// layout depends on them) and runs it on freshly compiled bytecode.
export function measureNativeCpu({ repeats }) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-native-'));
  const defines = fs.readFileSync(path.join(HOST_BUILD, 'kiln-defines.txt'), 'utf8').trim().split(/\s+/).map((d) => `-D${d}`);
  const exe = path.join(tmp, 'native_mruby');
  run('g++', ['-O2', '-std=c++17', ...defines, '-I', path.join(ROOT, '.deps/mruby-3.1.0/include'),
    path.join(BENCH, 'native_mruby.cpp'), path.join(HOST_BUILD, 'lib/libmruby.a'), '-lm', '-o', exe], { timeoutMs: 180_000 });
  const mrb = path.join(tmp, 'workloads.mrb');
  run(path.join(HOST_BUILD, 'bin/mrbc'), ['-g', '-o', mrb, 'workloads.rb'], { cwd: path.join(BENCH, 'apps/kiln') });
  const out = { defines, compiledWith: 'g++ -O2 (driver); libmruby.a as built by scripts/setup' };
  for (const line of run(exe, [mrb, String(repeats), ...WORKLOADS], { timeoutMs: 600_000 }).trim().split('\n')) {
    const [name, result, ...ms] = line.split(' ');
    out[name] = { result, ms: stats(ms.map(Number)) };
  }
  return out;
}

export function compareCpu(wasm, native) {
  const rows = {};
  for (const name of WORKLOADS) {
    if (wasm[name].result !== native[name].result) {
      throw new Error(`${name}: wasm result ${wasm[name].result} != native ${native[name].result}`);
    }
    rows[name] = { wasmMs: wasm[name].ms, nativeMs: native[name].ms, ratio: wasm[name].ms.median / native[name].ms.median };
  }
  return { workloads: rows, requestOverheadMs: wasm.requestOverheadMs, targetRatio: CPU_TARGET_RATIO, nativeBuild: native.compiledWith, nativeDefines: native.defines };
}
