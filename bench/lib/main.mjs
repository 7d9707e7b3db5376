// bench/run: Kiln measured side by side with baselines in one run. Prints a
// markdown table on stdout, writes bench/results.json; progress on stderr.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { measureAwait } from './await.mjs';
import { measureBootUnderNode, measureColdStart } from './coldstart.mjs';
import { measureCpu } from './cpu.mjs';
import { KV_PATH, serveWithKv } from './kv.mjs';
import { measureLoad } from './load.mjs';
import { measureMemory } from './memory.mjs';
import { measureSize } from './size.mjs';
import { renderTable } from './table.mjs';
import { BENCH, ROOT, WORKERD, log, run } from './util.mjs';
import { dryRun, serve } from './workerd.mjs';

const MODES = {
  // --quick compares Ruby CPU with the host libmruby.a only (no release
  // build of native mruby: that takes a minute or two the first time).
  quick: { cold: 3, boot: 3, load: { connections: 16, seconds: 2, warmupSeconds: 1, repeats: 1 }, cpu: { repeats: 3, variants: ['host'] }, await: { n: 2000, repeats: 3 } },
  full: { cold: 10, boot: 10, load: { connections: 16, seconds: 10, warmupSeconds: 3, repeats: 3 }, cpu: { repeats: 7, variants: ['nobox', 'word', 'host'] }, await: { n: 10000, repeats: 7 } },
};
const SECTIONS = ['size', 'cold', 'load', 'cpu', 'await', 'memory'];
const ROUTES = { text: '/', hello: '/hello/world', json: '/json', page: '/page' };

function parseArgs(argv) {
  const opts = { mode: 'full', only: new Set(SECTIONS) };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') opts.mode = 'quick';
    else if (argv[i] === '--only') opts.only = new Set(argv[++i].split(','));
    else if (argv[i] === '--help' || argv[i] === '-h') opts.help = true;
    else throw new Error(`unknown option ${argv[i]} (try --help)`);
  }
  for (const s of opts.only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}: one of ${SECTIONS.join(',')}`);
  return opts;
}

const HELP = `Usage: bench/run [--quick] [--only ${SECTIONS.join(',')}]

Measures Kiln against baselines in one run (see README.md, Benchmarks):
upload size, cold start on workerd, throughput/latency on bare workerd (vs
plain JS and Hono) and a KV route on Miniflare's workerd (vs plain JS), Ruby
CPU (wasm under node and on workerd vs release native mruby), await
overhead, memory. Needs: scripts/build wasm done, wrk (apt-get install wrk;
else autocannon from bench/node_modules), g++, rake. --quick: short runs
(harness check, < 3 min; Ruby CPU against the host debug libmruby only).`;

function ensureBenchDeps() {
  if (fs.existsSync(path.join(BENCH, 'node_modules/hono')) && fs.existsSync(path.join(BENCH, 'node_modules/autocannon'))) return;
  log('installing bench/node_modules (hono, autocannon) with npm ci --prefix bench');
  run('npm', ['ci', '--prefix', BENCH, '--no-audit', '--no-fund'], { timeoutMs: 300_000 });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) return console.log(HELP);
  const cfg = MODES[opts.mode];
  const started = Date.now();
  if (!fs.existsSync(path.join(ROOT, 'dist/kiln.wasm'))) throw new Error('dist/kiln.wasm missing: run scripts/build wasm first');
  ensureBenchDeps();

  const results = {
    mode: opts.mode, date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, workerd: run(WORKERD, ['--version']).trim(), loadAvgAtStart: os.loadavg() },
  };
  const only = (s) => opts.only.has(s);

  log('bundling with wrangler deploy --dry-run (examples/hello, bench apps, baselines)');
  const quiet = () => {};
  const bundles = {};
  if (only('size') || only('cold')) {
    bundles.hello = dryRun(path.join(ROOT, 'examples/hello'));
    bundles.js = dryRun(path.join(BENCH, 'baselines/js'));
  }
  if (only('load') || only('cpu')) bundles.kiln = dryRun(path.join(BENCH, 'apps/kiln'));
  if (only('load')) {
    bundles.js ??= dryRun(path.join(BENCH, 'baselines/js'));
    bundles.hono = dryRun(path.join(BENCH, 'baselines/hono'));
  }
  build(path.join(BENCH, 'apps/kiln'), { log: quiet });
  build(path.join(BENCH, 'apps/empty'), { log: quiet });

  if (only('size')) {
    log('1. upload size');
    results.size = measureSize(bundles.hello);
  }
  if (only('cold')) {
    log(`2. cold start (${cfg.cold} fresh workerd processes each)`);
    results.coldStart = await measureColdStart({ kilnBundle: bundles.hello, jsBundle: bundles.js, repeats: cfg.cold });
    results.coldStart.underNode = await measureBootUnderNode({
      helloBuild: path.join(ROOT, 'examples/hello/build'), emptyBuild: path.join(BENCH, 'apps/empty/build'), repeats: cfg.boot,
    });
  }
  if (only('load')) {
    log(`3. throughput on bare workerd (${cfg.load.connections} connections, ${cfg.load.seconds} s x ${cfg.load.repeats})`);
    const servers = {};
    try {
      servers.kiln = await serve(bundles.kiln, { vars: { KILN_ENV: 'production' } });
      servers.js = await serve(bundles.js);
      servers.hono = await serve(bundles.hono);
      results.load = await measureLoad({ servers, routes: ROUTES, ...cfg.load, log });
    } finally {
      for (const s of Object.values(servers)) await s.stop();
    }
  }
  if (only('cpu') || only('await') || only('memory')) {
    const kiln = await loadApp(path.join(BENCH, 'apps/kiln'), { vars: { KILN_ENV: 'production' } });
    if (only('cpu')) {
      log(`4. Ruby CPU, wasm under node and on workerd vs native mruby (${cfg.cpu.variants.join(', ')}; ${cfg.cpu.repeats} repeats)`);
      const workerd = await serve(bundles.kiln, { vars: { KILN_ENV: 'production' } });
      try {
        results.cpu = await measureCpu(kiln, { ...cfg.cpu, workerd });
      } finally {
        await workerd.stop();
      }
    }
    if (only('await')) {
      log(`5. await overhead (${cfg.await.n} awaits x ${cfg.await.repeats})`);
      results.await = await measureAwait(kiln, cfg.await);
    }
  }
  if (only('memory')) {
    log('6. memory after 1, 1 000 and 10 000 requests (fresh instance)');
    const fresh = await loadApp(path.join(BENCH, 'apps/kiln'), { vars: { KILN_ENV: 'production' } });
    results.memory = await measureMemory(fresh, { checkpoints: [1, 1000, 10000] });
  }
  // Last: Miniflare's JS stays in this process's heap, which the memory
  // figures above would otherwise count.
  if (only('load')) {
    log('3b. GET /kv (3 KV reads) on workerd under Miniflare, Kiln vs plain JS');
    const kv = await serveWithKv({ kiln: bundles.kiln, js: bundles.js }, { vars: { kiln: { KILN_ENV: 'production' } } });
    try {
      const before = process.cpuUsage();
      const load = await measureLoad({ servers: kv.servers, routes: { kv: KV_PATH }, ...cfg.load, log });
      const nodeCpu = process.cpuUsage(before);
      results.load.routes.kv = load.routes.kv;
      // wrk runs under spawnSync, so node's event loop (Miniflare's side)
      // is blocked during the load: it cannot be answering requests.
      results.load.kv = {
        miniflare: kv.miniflareVersion, requests: load.requests, nodeBlocked: load.tool === 'wrk',
        nodeCpuMs: (nodeCpu.user + nodeCpu.system) / 1000,
      };
    } finally {
      await kv.stop();
    }
  }
  for (const b of Object.values(bundles)) fs.rmSync(b.outDir, { recursive: true, force: true });

  results.machine.loadAvgAtEnd = os.loadavg();
  results.elapsedSeconds = (Date.now() - started) / 1000;
  fs.writeFileSync(path.join(BENCH, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(renderTable(results));
  log(`done in ${results.elapsedSeconds.toFixed(0)} s; wrote bench/results.json`);
}

main().catch((e) => {
  console.error(`bench: ${e.stack ?? e}`);
  process.exitCode = 1;
});
