// 3b. A binding route: GET /kv does 3 KV reads, Kiln vs the plain JS worker.
// Bare workerd has no KV service, so both dry-run bundles run under
// Miniflare (the one wrangler 4.86.0 pins): one workerd process with its
// KV namespace (a Durable Object on SQLite, values in a disk service),
// each worker on its own workerd socket (unsafeDirectSockets) so the load
// generator talks to workerd directly, as on bare workerd: node is not in
// the request path (the node process's CPU time during the load is
// recorded to show it).
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './util.mjs';
import { mainFirst, rawGet } from './workerd.mjs';

export const KV_PATH = '/kv';
// The 3 seeded values: distinct, ~100 bytes each.
export const KV_VALUES = [1, 2, 3].map((i) => `value ${i}: ${'kiln bench '.repeat(9)}`.trim());

const TYPES = { js: 'ESModule', wasm: 'CompiledWasm', data: 'Data' };

function modules(bundle) {
  return mainFirst(bundle).map((f) => ({ type: TYPES[f.kind], path: path.join(bundle.outDir, f.name), contents: f.bytes }));
}

// bundles: { name: dryRun(...) }; vars: { name: {VAR: value} }. Resolves
// { servers: { name: { url, port } }, miniflareVersion, stop() } once the
// 3 keys are seeded and every worker returned exactly those 3 values.
export async function serveWithKv(bundles, { vars = {} } = {}) {
  const { Miniflare } = await import('miniflare');
  const workers = Object.entries(bundles).map(([name, bundle]) => ({
    name, modules: modules(bundle), modulesRoot: bundle.outDir, compatibilityDate: '2025-04-01',
    kvNamespaces: { KV: 'kiln-bench' }, bindings: vars[name] ?? {},
    unsafeDirectSockets: [{ host: '127.0.0.1', port: 0 }],
  }));
  const mf = new Miniflare({ workers, kvPersist: false });
  try {
    await mf.ready;
    const kv = await mf.getKVNamespace('KV', workers[0].name);
    for (const [i, v] of KV_VALUES.entries()) await kv.put(`kv${i + 1}`, v);
    const servers = {};
    for (const { name } of workers) {
      const url = await mf.unsafeGetDirectURL(name);
      const port = Number(url.port);
      const check = await rawGet(port, KV_PATH);
      if (check.status !== 200 || check.body !== KV_VALUES.join(',')) {
        throw new Error(`${name} GET ${KV_PATH}: status ${check.status}, not the 3 seeded values: ${check.body.slice(0, 500)}`);
      }
      servers[name] = { url: `http://${url.hostname}:${port}`, port };
    }
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/miniflare/package.json'), 'utf8')).version;
    return { servers, miniflareVersion: version, stop: () => mf.dispose() };
  } catch (e) {
    await mf.dispose();
    throw e;
  }
}
