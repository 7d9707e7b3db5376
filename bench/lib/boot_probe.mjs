// One fresh node process (bench/lib/coldstart.mjs runs it with V8 flags):
// times wasm compile, instantiate, the first mruby boot + app load, the
// first two requests, then a second boot on the same module (its code
// compiled and tiered up by then). Prints one JSON line.
// usage: node [V8 flags] boot_probe.mjs BUILD_DIR
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kiln } from '../../js/worker/kiln.js';

const dir = process.argv[2];
const wasm = fs.readFileSync(path.join(dir, 'kiln.wasm'));
const bundle = fs.readFileSync(path.join(dir, 'app.kbc'));
const { default: createKiln } = await import(pathToFileURL(path.join(dir, 'kiln.mjs')).href);
// node's Request/Response load lazily on first use (workerd's are built in):
// keep that out of the first request's time.
await new Response(new Request('http://localhost/').body).text();

const vars = { KILN_ENV: 'production' };
const get = async (kiln) => {
  const t0 = performance.now();
  const res = await kiln.fetch(new Request('http://localhost/'));
  await res.text();
  if (res.status !== 200) throw new Error(`GET /: ${res.status}`);
  return performance.now() - t0;
};
const t0 = performance.now();
const wasmModule = await WebAssembly.compile(wasm);
const compileMs = performance.now() - t0;
const first = await Kiln.create({ createKiln, wasmModule, bundle, vars });
const firstRequestMs = await get(first);
const secondRequestMs = await get(first);
const second = await Kiln.create({ createKiln, wasmModule, bundle, vars });
console.log(JSON.stringify({
  compileMs, instantiateMs: first.timing.instantiateMs, firstBootMs: first.timing.vmBootMs,
  firstRequestMs, secondRequestMs, warmBootMs: second.timing.vmBootMs,
}));
