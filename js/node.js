// Loads a built app into the wasm runtime under node (no workerd): used by
// `kiln request` and the tests.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kiln } from './runtime.js';

export async function loadApp(appDir, { vars = {} } = {}) {
  const out = path.join(path.resolve(appDir), 'build');
  const wasmModule = await WebAssembly.compile(fs.readFileSync(path.join(out, 'kiln.wasm')));
  const { default: createKiln } = await import(pathToFileURL(path.join(out, 'kiln.mjs')).href);
  return Kiln.create({ createKiln, wasmModule, bundle: fs.readFileSync(path.join(out, 'app.kbc')), vars });
}
