// dist/mrbc.cjs, mrbc compiled to wasm: what `kiln build` uses by default.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { findMrbc, runMrbc } from '../../js/cli/build/mrbc.js';
import { ROOT, tempApp } from '../support/helpers.mjs';

const WASM = { file: path.join(ROOT, 'dist/mrbc.cjs'), wasm: true };
const NATIVE = { file: path.join(ROOT, '.deps/mruby-build/host/bin/mrbc'), wasm: false };
// 64-bit Integer literals need scripts/patches/mruby-int64-pool-32bit.patch
// in a 32-bit mrbc.
const SOURCE = 'x = [1, 2_147_483_648, -9_223_372_036_854_775_807, 12345678901234]\ns = "héllo #{x}"\ndef f(a, *b, k: 1, &blk) = [a, b, k]\n';

test('the wasm mrbc is preferred and writes the same bytecode as the native one', () => {
  assert.equal(findMrbc(ROOT, path.join(ROOT, 'dist')).file, WASM.file);
  const dir = tempApp({ 'app.rb': SOURCE });
  for (const [m, out] of [[WASM, 'w.mrb'], [NATIVE, 'n.mrb']]) {
    const r = runMrbc(m, ['-g', '-o', out, 'app.rb'], dir);
    assert.equal(r.status, 0, r.stderr);
  }
  assert.deepEqual(fs.readFileSync(path.join(dir, 'w.mrb')), fs.readFileSync(path.join(dir, 'n.mrb')));
});

test('a syntax error gives file:line:col: message and status 1, in process and as a command', () => {
  const dir = tempApp({ 'lib/bad.rb': 'def f(\n  1 +\nend\n' });
  const inProcess = runMrbc(WASM, ['-g', '-o', 'bad.mrb', 'lib/bad.rb'], dir);
  assert.equal(inProcess.status, 1);
  assert.equal(inProcess.stderr, "lib/bad.rb:2:3: syntax error, unexpected integer literal, expecting ')'\n");
  const cmd = spawnSync(process.execPath, [WASM.file, '-g', '-o', 'bad.mrb', 'lib/bad.rb'], { cwd: dir, encoding: 'utf8' });
  assert.equal(cmd.status, 1);
  assert.equal(cmd.stderr, inProcess.stderr);
  assert.equal(fs.existsSync(path.join(dir, 'bad.mrb')), false);
  const native = runMrbc(NATIVE, ['-g', '-o', 'bad.mrb', 'lib/bad.rb'], dir);
  assert.equal(native.stderr, inProcess.stderr);
});

test('KILN_MRBC overrides the choice', () => {
  process.env.KILN_MRBC = NATIVE.file;
  try {
    assert.deepEqual(findMrbc(ROOT, path.join(ROOT, 'dist')), NATIVE);
  } finally {
    delete process.env.KILN_MRBC;
  }
});

test('Float literals are correctly rounded, as the runtime String#to_f and JS read them', () => {
  const literals = ['0.1', '3.14159', '1e-300', '1.5e300', '123456.789e3'];
  const values = literals.map(Number);
  const dir = tempApp({ 'f.rb': literals.map((v, i) => `x${i} = ${v}`).join('\n') });
  assert.equal(runMrbc(WASM, ['-o', 'f.mrb', 'f.rb'], dir).status, 0);
  const bytes = fs.readFileSync(path.join(dir, 'f.mrb'));
  for (const v of values) {
    const le = Buffer.alloc(8);
    le.writeDoubleLE(v);
    assert.ok(bytes.includes(le), `${v} is not stored as the nearest double`);
  }
});
