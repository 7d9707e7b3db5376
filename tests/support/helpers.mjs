// Test helpers: building apps, free ports, and a real `wrangler dev`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

// A throwaway app directory with the given files ({ 'app.rb': '...' }).
export function tempApp(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-app-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

// tempApp(files), built and loaded under node: { app, errors, dir }, the
// app's stdout dropped and its stderr lines in errors (options go to loadApp).
export async function loadTempApp(files, options = {}) {
  const dir = tempApp(files);
  build(dir, { log: null });
  const errors = [];
  const app = await loadApp(dir, { print: () => {}, printErr: (line) => errors.push(line), ...options });
  return { app, errors, dir };
}

// Starts `wrangler dev` in appDir and resolves once it serves requests.
// persistTo: a directory for local binding state (default: a fresh temp dir);
// bin: the wrangler to run (default: this repository's); vars: [vars] over
// wrangler.toml's (--var).
export async function startWrangler(appDir, { timeoutMs = 90_000, persistTo, vars = {}, bin = path.join(ROOT, 'node_modules/.bin/wrangler') } = {}) {
  const port = await freePort();
  const inspector = await freePort();
  const state = persistTo ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-state-'));
  const child = spawn(bin,
    ['dev', '--port', String(port), '--ip', '127.0.0.1', '--inspector-port', String(inspector), '--persist-to', state, '--test-scheduled',
      ...Object.entries(vars).flatMap(([k, v]) => ['--var', `${k}:${v}`])],
    { cwd: appDir, env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${log}`);
    if (/Ready on/.test(log)) {
      try {
        await fetch(url, { signal: AbortSignal.timeout(5000) });
        break;
      } catch { /* not serving yet */ }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  if (Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`wrangler dev did not start in ${timeoutMs} ms:\n${log}`);
  }
  return {
    url,
    log: () => log,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
