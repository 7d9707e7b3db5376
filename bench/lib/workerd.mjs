// Bundles a Worker the way `wrangler deploy` uploads it (--dry-run --outdir)
// and serves that bundle on bare workerd with a generated capnp config:
// no wrangler dev proxy between the load generator and the isolate.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HOST, WORKERD, WRANGLER, freePort, run, sleep, startChild } from './util.mjs';

// dir holds a wrangler.toml. Returns { outDir, files: [{ name, kind, bytes }], main }.
export function dryRun(dir) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-bundle-'));
  const stdout = run(WRANGLER, ['deploy', '--dry-run', '--outdir', outDir], {
    cwd: dir, timeoutMs: 180_000, env: { WRANGLER_SEND_METRICS: 'false', CI: 'true', NO_COLOR: '1' },
  });
  const files = [];
  for (const name of fs.readdirSync(outDir).sort()) {
    const kind = /\.m?js$/.test(name) ? 'js' : name.endsWith('.wasm') ? 'wasm' : /\.(kbc|bin)$/.test(name) ? 'data' : null;
    if (kind) files.push({ name, kind, bytes: fs.readFileSync(path.join(outDir, name)) });
  }
  const js = files.filter((f) => f.kind === 'js');
  if (js.length !== 1) throw new Error(`expected one JS module in ${outDir}, found ${js.map((f) => f.name)}`);
  const upload = /Total Upload: ([\d.]+) KiB \/ gzip: ([\d.]+) KiB/.exec(stdout);
  return { outDir, files, main: js[0].name, wranglerReport: upload && { rawKiB: +upload[1], gzipKiB: +upload[2] } };
}

const capnpString = (s) => JSON.stringify(String(s));

// A bundle's files, its main module first (workerd and Miniflare load the
// first module as the entry point).
export function mainFirst(bundle) {
  return [bundle.files.find((f) => f.name === bundle.main), ...bundle.files.filter((f) => f.name !== bundle.main)];
}

function writeConfig(bundle, port, vars, v8Flags = []) {
  const modules = mainFirst(bundle)
    .map((f) => `(name = ${capnpString(f.name)}, ${{ js: 'esModule', wasm: 'wasm', data: 'data' }[f.kind]} = embed ${capnpString(f.name)})`);
  const bindings = Object.entries(vars).map(([k, v]) => `(name = ${capnpString(k)}, text = ${capnpString(v)})`);
  const file = path.join(bundle.outDir, `config-${port}.capnp`);
  fs.writeFileSync(file, `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [ (name = "main", worker = .worker) ],
  v8Flags = [ ${v8Flags.map(capnpString).join(', ')} ],
  sockets = [ (name = "http", address = "${HOST}:${port}", http = (), service = "main") ],
);
const worker :Workerd.Worker = (
  modules = [ ${modules.join(',\n    ')} ],
  compatibilityDate = "2025-04-01",
  bindings = [ ${bindings.join(', ')} ],
);
`);
  return file;
}

// One HTTP/1.1 GET on a raw socket: resolves { status, headers, body } as
// soon as the whole body is in (no waiting for the server to close), or
// rejects (connection refused while workerd is still starting).
export function rawGet(port, pathname, timeoutMs = 10_000) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, HOST);
    let data = Buffer.alloc(0);
    const finish = (fn, value) => { clearTimeout(timer); sock.destroy(); fn(value); };
    const timer = setTimeout(() => finish(reject, new Error(`GET ${pathname}: timed out`)), timeoutMs);
    sock.on('connect', () => sock.write(`GET ${pathname} HTTP/1.1\r\nHost: localhost\r\n\r\n`));
    sock.on('error', (e) => finish(reject, e));
    sock.on('end', () => finish(reject, new Error(`GET ${pathname}: connection closed early`)));
    sock.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const end = data.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = data.subarray(end + 4);
      const done = headers['transfer-encoding'] === 'chunked'
        ? body.subarray(-5).toString() === '0\r\n\r\n'
        : body.length >= Number(headers['content-length'] ?? 0);
      if (done) finish(resolve, { status: Number(statusLine.split(' ')[1]), headers, body: body.toString() });
    });
  });
}

// CPU time (ms) a process has used so far, all its threads (Linux).
export function processCpuMs(pid) {
  let ns = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      ns += Number(fs.readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
    } catch { /* the thread ended meanwhile */ }
  }
  return ns / 1e6;
}

// Resolves once a TCP connection to port is accepted (then closes it).
function connects(port) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, HOST);
    sock.once('connect', () => { sock.destroy(); resolve(); });
    sock.once('error', reject);
  });
}

// Starts a fresh workerd on the bundle. Resolves once `probe` answers 200,
// with the time from spawn to that first response (a cold start), split
// into spawn -> socket accepting (workerd loads the worker, compiling its
// wasm and running its top-level code, before it listens) and the first
// request itself. v8Flags: for experiments only (Cloudflare sets its own).
export async function serve(bundle, { vars = {}, probe = '/', timeoutMs = 30_000, v8Flags = [] } = {}) {
  const port = await freePort();
  const config = writeConfig(bundle, port, vars, v8Flags);
  const started = performance.now();
  const proc = startChild(WORKERD, ['serve', path.basename(config)], { cwd: bundle.outDir });
  const deadline = started + timeoutMs;
  let listening = null, first = null, sent = null;
  for (let tries = 0; performance.now() < deadline && tries < 20_000; tries++) {
    if (proc.child.exitCode !== null) break;
    try {
      if (listening === null) {
        await connects(port);
        listening = performance.now();
      }
      sent = performance.now();
      first = await rawGet(port, probe);
      break;
    } catch { if (listening === null) await sleep(1); else break; }
  }
  const done = performance.now();
  if (!first || first.status !== 200) {
    await proc.stop();
    throw new Error(`workerd did not serve ${probe} (${first ? `status ${first.status}: ${first.body}` : 'no answer'}):\n${proc.output()}`);
  }
  return {
    url: `http://${HOST}:${port}`, port, coldMs: done - started, listenMs: listening - started, firstRequestMs: done - sent,
    first, pid: proc.child.pid, stop: () => proc.stop(), output: proc.output,
  };
}
