// Native mruby baselines for the Ruby CPU figures: the host libmruby.a
// scripts/setup builds (-O1, MRB_DEBUG, word boxing: for the sanitizer
// tests, not for speed), and release builds of the same source and gem
// list made with mruby's rake from bench/mruby_native.rb, cached under
// $KILN_DEPS/bench-mruby (rebuilt when the source, that config or
// scripts/mruby_gems.rb change; about a minute on 2 cores).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH, ROOT, log, run } from './util.mjs';

const DEPS = process.env.KILN_DEPS ? path.resolve(process.env.KILN_DEPS) : path.join(ROOT, '.deps');
const SOURCE = path.join(DEPS, 'mruby-3.1.0');
const HOST = path.join(DEPS, 'mruby-build/host');
const RELEASE = path.join(DEPS, 'bench-mruby');
const CONFIG = path.join(BENCH, 'mruby_native.rb');

export const VARIANTS = {
  host: { label: 'host lib (scripts/setup: -O1, MRB_DEBUG, word boxing)', dir: HOST },
  nobox: { label: 'release -O3, MRB_NO_BOXING + 1024-entry method cache (the wasm\'s defines)', dir: path.join(RELEASE, 'native-nobox') },
  word: { label: 'release -O3, word boxing (mruby\'s default) + 1024-entry method cache', dir: path.join(RELEASE, 'native-word') },
};

function ensureRelease() {
  const stamp = createHash('sha256');
  for (const f of [path.join(SOURCE, '.kiln-stamp'), CONFIG, path.join(ROOT, 'scripts/mruby_gems.rb')]) stamp.update(fs.readFileSync(f));
  const sum = stamp.digest('hex').slice(0, 16);
  const stampFile = path.join(RELEASE, '.kiln-stamp');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8').trim() === sum) return;
  log(`building release native mruby (bench/mruby_native.rb) into ${RELEASE}`);
  fs.rmSync(RELEASE, { recursive: true, force: true });
  // The gcc toolchain takes CFLAGS/CXXFLAGS instead of its own flags when set.
  const env = { ...process.env, MRUBY_CONFIG: CONFIG, MRUBY_BUILD_DIR: RELEASE, BENCH_MRBC: path.join(HOST, 'bin/mrbc') };
  delete env.CFLAGS;
  delete env.CXXFLAGS;
  run('rake', [`-j${os.cpus().length}`], { cwd: SOURCE, timeoutMs: 1_200_000, env, replaceEnv: true });
  fs.writeFileSync(stampFile, `${sum}\n`);
}

// Builds bench/native_mruby.cpp against each variant's libmruby.a with the
// defines it was built with (mrb_value's layout depends on them), and the
// workloads bytecode with the host mrbc. Returns { mrb, natives: {variant:
// { exe, defines, label }} }.
export function buildNatives(variants) {
  if (variants.some((v) => v !== 'host')) ensureRelease();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-native-'));
  const natives = {};
  for (const v of variants) {
    const { dir, label } = VARIANTS[v];
    const defines = fs.readFileSync(path.join(dir, 'kiln-defines.txt'), 'utf8').trim().split(/\s+/).map((d) => `-D${d}`);
    const exe = path.join(tmp, `native_mruby_${v}`);
    run('g++', ['-O2', '-std=c++17', ...defines, '-I', path.join(SOURCE, 'include'),
      path.join(BENCH, 'native_mruby.cpp'), path.join(dir, 'lib/libmruby.a'), '-lm', '-o', exe], { timeoutMs: 180_000 });
    natives[v] = { exe, defines, label };
  }
  const mrb = path.join(tmp, 'workloads.mrb');
  run(path.join(HOST, 'bin/mrbc'), ['-g', '-o', mrb, 'workloads.rb'], { cwd: path.join(BENCH, 'apps/kiln') });
  return { mrb, natives };
}

export function runNative({ exe }, mrb, name) {
  const [, result, ms] = run(exe, [mrb, '1', name], { timeoutMs: 120_000 }).trim().split(' ');
  return { result, ms: Number(ms) };
}
