// Shared helpers for bench/run: paths, statistics, child processes, ports.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = path.resolve(BENCH, '..');
export const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');
export const WORKERD = path.join(ROOT, 'node_modules/@cloudflare/workerd-linux-64/bin/workerd');
export const HOST = '127.0.0.1';  // every load loop targets this, nothing else

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Median and spread (min, max, and relative spread (max-min)/median) of repeats.
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  const median = v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
  return { median, min: v[0], max: v[v.length - 1], n: v.length, spread: median ? (v[v.length - 1] - v[0]) / median : 0, values };
}

export function log(message) {
  process.stderr.write(`bench: ${message}\n`);
}

// Runs a command to completion with a hard time limit; throws with its output
// on failure. env adds to node's environment, or is all of it with replaceEnv.
export function run(cmd, args, { cwd = ROOT, timeoutMs = 120_000, env = {}, replaceEnv = false } = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: replaceEnv ? env : { ...process.env, ...env }, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

export function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, HOST, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// Starts a long-running child; the returned stop() ends it (and only it).
export function startChild(cmd, args, { cwd = ROOT } = {}) {
  const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const exited = new Promise((r) => child.once('exit', r));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(t);
    },
  };
}

export const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
export const fmt = (n, digits = 1) => (n == null ? '—' : Number(n).toFixed(digits));
