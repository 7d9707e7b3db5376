// Loads a built app into the wasm runtime under node (no workerd): used by
// `kiln request`, the compatibility corpus and the tests.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kiln } from './runtime.js';
import { outDirFor } from './build.js';

// Compiled runtimes by content: loading many apps (the compat corpus) in one
// process compiles kiln.wasm and imports kiln.mjs once, not once per app.
const modules = new Map();
const loaders = new Map();
const digest = (bytes) => createHash('sha256').update(bytes).digest('hex');

// outDir: the build to load (default: the app.rb build, or main's build);
// vars: wrangler [vars] (KILN_ENV selects the environment); print/printErr:
// where the app's stdout/stderr lines go (default console.log/console.error).
export async function loadApp(appDir, { main = 'app.rb', outDir, vars = {}, print, printErr } = {}) {
  const out = outDir ? path.resolve(outDir) : outDirFor(appDir, main);
  const wasm = fs.readFileSync(path.join(out, 'kiln.wasm'));
  const wasmKey = digest(wasm);
  if (!modules.has(wasmKey)) modules.set(wasmKey, WebAssembly.compile(wasm));
  const loader = path.join(out, 'kiln.mjs');
  const loaderKey = digest(fs.readFileSync(loader));
  if (!loaders.has(loaderKey)) loaders.set(loaderKey, import(pathToFileURL(loader).href));
  const [wasmModule, { default: createKiln }] = await Promise.all([modules.get(wasmKey), loaders.get(loaderKey)]);
  return Kiln.create({ createKiln, wasmModule, bundle: fs.readFileSync(path.join(out, 'app.kbc')), vars, print, printErr });
}
