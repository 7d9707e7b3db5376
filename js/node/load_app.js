// Loads a built app into the wasm runtime under node (no workerd): used by
// `kiln request`, the compatibility corpus and the tests.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Kiln } from '../worker/kiln.js';
import { outDirFor, toolchain } from '../cli/build/build.js';
import { readConfig } from './config.js';
import { fireCron, fireCronsAt } from './cron.js';
import { emulatedKinds, emulatedOperations, stateDir } from './bindings/index.js';
import { ClientSocket, upgraded, websocket } from './bindings/websocket.js';

// Compiled runtimes by content: loading many apps (the compat corpus) in one
// process compiles kiln.wasm and imports kiln.mjs once, not once per app.
const modules = new Map();
const loaders = new Map();
const digest = (bytes) => createHash('sha256').update(bytes).digest('hex');

// outDir: the build to load (default: the app.rb build, or main's build);
// vars: over wrangler.toml's [vars] and .dev.vars (KILN_ENV selects an
// [env.NAME]); print/printErr: where the app's stdout/stderr lines go
// (default console.log/console.error). emulate: the bindings of the app's
// wrangler.toml (KV, D1, R2, Durable Objects, Queues) on SQLite in APP_DIR/.kiln (default: when it declares any);
// fresh: wipe that state first; state: another state directory (kiln test);
// operations(module, kiln): more operations of this instance, by name;
// preload: see Kiln.create. The app also gets cron(), cronsAt() and
// config and webSocket(url, {headers}); emulated, drainQueues() and
// fireAlarms() (js/node/bindings/{queue,durable_object}.js).
export async function loadApp(appDir, { main, outDir, vars = {}, print, printErr, emulate, fresh = false, state, operations, preload } = {}) {
  const out = outDir ? path.resolve(outDir) : outDirFor(appDir, main);
  const config = readConfig(appDir, { env: vars.KILN_ENV });
  const kinds = emulatedKinds(config);
  vars = { ...config.vars, ...vars };
  // Queue consumers alone need the emulation too (drainQueues).
  const app = (emulate ?? (Object.keys(kinds).length > 0 || Object.keys(config.consumers).length > 0))
    ? await loadEmulated(appDir, out, kinds, { vars, print, printErr, fresh, config, state, operations, preload })
    : await loadPlain(out, { vars, print, printErr, preload });
  // Cron triggers for tests and `kiln cron`: one expression, or every
  // configured one that matches a time.
  app.cron = (expr, opts) => fireCron(app, expr, opts);
  app.cronsAt = (time) => fireCronsAt(app, config.crons, time);
  app.config = config;
  // A WebSocket to the app (emulated: js/node/bindings/websocket.js): a
  // ClientSocket (send, next, close), or the Response when not upgraded.
  app.webSocket = async (url, { headers = {} } = {}) => {
    const response = await app.fetch(new Request(url, { headers: { ...headers, upgrade: 'websocket', connection: 'Upgrade' } }));
    const up = upgraded(response);
    return up ? Object.assign(new ClientSocket(up.webSocket), { headers: up.headers }) : response;
  };
  return app;
}

async function loadPlain(out, { vars, print, printErr, preload }) {
  const wasm = fs.readFileSync(path.join(out, 'kiln.wasm'));
  const wasmKey = digest(wasm);
  if (!modules.has(wasmKey)) modules.set(wasmKey, WebAssembly.compile(wasm));
  const loader = path.join(out, 'kiln.mjs');
  const loaderKey = digest(fs.readFileSync(loader));
  if (!loaders.has(loaderKey)) loaders.set(loaderKey, import(pathToFileURL(loader).href));
  const [wasmModule, { default: createKiln }] = await Promise.all([modules.get(wasmKey), loaders.get(loaderKey)]);
  // WebSockets are emulated under node whatever the bindings; the Cache API is
  // emulated on SQLite, which only the node runtime has.
  const operations = () => ({
    websocket,
    cache: () => { throw new Error('the Cache API is emulated offline only with the emulated bindings (kiln test, or loadApp with emulate: true)'); },
  });
  return Kiln.create({ createKiln, wasmModule, bundle: fs.readFileSync(path.join(out, 'app.kbc')), vars, print, printErr, preload, operations });
}

// The node-only runtime (dist/kiln-node.cjs + .wasm, with SQLite) runs the same bytecode.
async function loadEmulated(appDir, out, kinds, { vars, print, printErr, fresh, config, state, operations, preload }) {
  const dist = toolchain().dist;
  const wasmFile = path.join(dist, 'kiln-node.wasm');
  if (!fs.existsSync(wasmFile)) throw new Error(`${wasmFile} not found: run scripts/build wasm (bindings are emulated by the node runtime)`);
  const key = `node:${digest(fs.readFileSync(wasmFile))}`;
  if (!modules.has(key)) modules.set(key, WebAssembly.compile(fs.readFileSync(wasmFile)));
  if (!loaders.has(key)) loaders.set(key, createRequire(import.meta.url)(path.join(dist, 'kiln-node.cjs')));
  const [wasmModule, createKiln] = await Promise.all([modules.get(key), loaders.get(key)]);
  const dir = state ?? stateDir(appDir, { fresh });
  return Kiln.create({
    createKiln, wasmModule, bundle: fs.readFileSync(path.join(out, 'app.kbc')), vars, print, printErr, preload,
    bindings: kinds,
    operations: (module, kiln) => ({ ...emulatedOperations(module, dir, { config, kiln, printErr }), ...operations?.(module, kiln) }),
  });
}
