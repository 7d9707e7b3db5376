// Finding and running the Ruby compiler. Preferred: dist/mrbc.cjs, mrbc
// compiled to wasm (one CommonJS file with the wasm inside, see
// scripts/mruby_config.rb), so users need no native toolchain. Fallback:
// the native mrbc that scripts/setup builds in .deps. KILN_MRBC overrides
// both (a native binary, or a .js/.cjs file).
//
// The wasm mrbc runs in this process: its wasm is compiled once and each
// file gets a fresh instance (clean state, like a new process). Spawning
// `node mrbc.cjs` per file recompiled the wasm every time, about 7x slower.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export function findMrbc(root, dist) {
  const explicit = process.env.KILN_MRBC;
  const candidates = explicit ? [explicit] : [path.join(dist, 'mrbc.cjs'), path.join(root, '.deps/mruby-build/host/bin/mrbc')];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) return { missing: candidates.join(' or ') };
  return { file, wasm: /\.c?js$/.test(file) };
}

// Runs mrbc with args in cwd: { status, stdout, stderr } like spawnSync.
export function runMrbc(mrbc, args, cwd) {
  if (!mrbc.wasm) return spawnSync(mrbc.file, args, { cwd, encoding: 'utf8' });
  return runInProcess(loadWasm(mrbc.file), args, cwd);
}

const loaded = new Map();

// Splits Emscripten's SINGLE_FILE output into its JS (as a function of the
// globals it reads) and the compiled wasm module.
function loadWasm(file) {
  if (loaded.has(file)) return loaded.get(file);
  let src = fs.readFileSync(file, 'utf8');
  const embedded = src.match(/wasmBinaryFile="data:application\/octet-stream;base64,([^"]*)"/);
  if (!embedded) throw new Error(`${file} is not an Emscripten SINGLE_FILE build of mrbc`);
  src = src.replace(embedded[0], 'wasmBinaryFile=""');
  const w = {
    module: new WebAssembly.Module(Buffer.from(embedded[1], 'base64')),
    run: new Function('Module', 'require', '__dirname', 'process', src),
    dir: path.dirname(file),
    require: sandboxedRequire(createRequire(file)),
  };
  loaded.set(file, w);
  return w;
}

// NODERAWFS maps the compiler's stdout/stderr to the real fds 1 and 2 and
// closes them at exit: in-process, its output is captured instead and the
// real ones stay open.
let captured = null;
function sandboxedRequire(req) {
  const realFs = req('fs');
  const fs = {
    ...realFs,
    writeSync(fd, buf, offset = 0, length = buf.length - offset, ...rest) {
      if (fd !== 1 && fd !== 2) return realFs.writeSync(fd, buf, offset, length, ...rest);
      captured[fd] += Buffer.from(buf.buffer ?? buf, buf.byteOffset ?? 0).subarray(offset, offset + length).toString('utf8');
      return length;
    },
    closeSync(fd) {
      if (fd > 2) realFs.closeSync(fd);
    },
  };
  return (name) => (name === 'fs' || name === 'node:fs' ? fs : req(name));
}

// Process-wide hooks Emscripten installs on load are dropped: the compiler
// runs once per file and must not add a listener each time.
const processShim = new Proxy(process, {
  get(target, key) {
    if (key === 'on') return () => processShim;
    const v = target[key];
    return typeof v === 'function' ? v.bind(target) : v;
  },
});

function runInProcess(w, args, cwd) {
  const out = { 1: '', 2: '' };
  let status = null;
  const Module = {
    arguments: args,
    thisProgram: 'mrbc',
    print: (s) => { out[1] += `${s}\n`; },
    printErr: (s) => { out[2] += `${s}\n`; },
    // exit() ends here instead of in process.exit; Emscripten's callMain
    // catches the ExitStatus it is given back.
    quit: (code, toThrow) => { status = code; throw toThrow; },
    instantiateWasm(imports, receive) {
      const instance = new WebAssembly.Instance(w.module, imports);
      receive(instance, w.module);
      return instance.exports;
    },
  };
  // Relative paths matter: the path given is the one backtraces show.
  const before = process.cwd();
  process.chdir(cwd);
  captured = out;
  try {
    w.run(Module, w.require, w.dir, processShim);
  } catch (e) {
    if (status === null) return { status: 1, stdout: out[1], stderr: `${out[2]}mrbc crashed: ${e.message}` };
  } finally {
    captured = null;
    process.chdir(before);
  }
  return { status: status ?? 0, stdout: out[1], stderr: out[2] };
}
