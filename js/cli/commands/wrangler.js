// `kiln dev` and `kiln deploy`: build, then hand over to wrangler, found in
// the app's node_modules (or an ancestor's), else in kiln's own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { CONFIG_FILES, findConfigFile } from '../../node/config.js';
import { atMost, CommandError, UsageError } from '../args.js';

export class WranglerError extends CommandError {}

export function findWrangler(appDir) {
  for (const from of [path.join(path.resolve(appDir), 'package.json'), import.meta.url]) {
    try {
      const pkgFile = createRequire(from).resolve('wrangler/package.json');
      const { bin } = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
      return path.join(path.dirname(pkgFile), typeof bin === 'string' ? bin : bin.wrangler);
    } catch { /* not installed there */ }
  }
  throw new WranglerError(`wrangler not found from ${appDir}: run 'npm install wrangler' in the app directory`);
}

// Runs wrangler in appDir with stdio inherited; resolves to its exit code.
// Interrupting kiln (Ctrl-C) reaches wrangler, which shuts down cleanly.
export function runWrangler(appDir, args, { stdio = 'inherit' } = {}) {
  const child = spawn(process.execPath, [findWrangler(appDir), ...args], { cwd: appDir, stdio });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

// wrangler needs its configuration file: wrangler.json, .jsonc or .toml.
export function requireConfig(appDir) {
  if (!findConfigFile(appDir)) {
    throw new WranglerError(`no ${CONFIG_FILES.at(-1)} (or ${CONFIG_FILES.slice(0, -1).join(', ')}) in ${appDir} (kiln new makes one)`);
  }
}

// `wrangler deploy --dry-run --outdir TMP`: what would be uploaded, and its size.
export async function dryRunDeploy(appDir, extraArgs = []) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-deploy-'));
  try {
    const code = await runWrangler(appDir, ['deploy', '--dry-run', '--outdir', outdir, ...extraArgs]);
    if (code !== 0) return { code };
    const files = listFiles(outdir).filter((f) => !f.endsWith('.map') && !f.endsWith('README.md'));
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const data = fs.readFileSync(path.join(outdir, f));
      raw += data.length;
      gzip += gzipSync(data, { level: 9 }).length;
    }
    return { code, files, raw, gzip };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function listFiles(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(dir, r) : [r];
  });
}

// Builds APP_DIR for wrangler (the build is imported here: `kiln --help` loads no compiler).
async function buildFor(positionals) {
  atMost(positionals, 1, 'one APP_DIR');
  const appDir = positionals[0] ?? '.';
  requireConfig(appDir);
  const { build } = await import('../build/build.js');
  build(appDir, { progress: process.stderr.isTTY });
  return appDir;
}

export const dev = {
  name: 'dev',
  summary: 'build, then serve on local workerd (wrangler dev), rebuilding on change',
  usage: 'dev [APP_DIR] [--port N] [-- WRANGLER_DEV_ARGS...]',
  description: `
Builds APP_DIR (default: .) and runs 'wrangler dev' there: the app on local
workerd at http://localhost:8787 (or --port N) with local KV, D1, R2...
The configuration's [build] command ('npx kiln build') rebuilds whenever a
file under its watch_dir changes (kiln new sets app.rb, lib and views).
Arguments after -- go to wrangler dev as they are (e.g. -- --remote).

wrangler is taken from the app's node_modules, else from kiln's own.`,
  options: { port: { type: 'string', arg: 'N', help: 'the local port (default 8787)' } },
  passthrough: true,
  async run({ positionals, values, rest }) {
    if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError('--port needs a number');
    const appDir = await buildFor(positionals);
    return runWrangler(appDir, ['dev', ...(values.port ? ['--port', values.port] : []), ...rest]);
  },
};

export const deploy = {
  name: 'deploy',
  summary: 'build, then wrangler deploy (--dry-run: only show the upload size)',
  usage: 'deploy [APP_DIR] [--dry-run] [-- WRANGLER_DEPLOY_ARGS...]',
  description: `
Builds APP_DIR (default: .) and runs 'wrangler deploy' there (log in first
with 'npx wrangler login'). Arguments after -- go to wrangler deploy as
they are.`,
  options: {
    'dry-run': {
      type: 'boolean',
      help: 'upload nothing: wrangler bundles into a temporary directory and kiln prints what the upload would weigh, raw and gzipped (Workers\' size limits apply to the gzipped size)',
    },
  },
  passthrough: true,
  async run({ positionals, values, rest }) {
    const appDir = await buildFor(positionals);
    if (!values['dry-run']) return runWrangler(appDir, ['deploy', ...rest]);
    const r = await dryRunDeploy(appDir, rest);
    if (r.code !== 0) return r.code;
    console.log(`kiln: upload size (dry run, ${r.files.length} files): ${(r.raw / 1024).toFixed(1)} KiB raw, ${(r.gzip / 1024).toFixed(1)} KiB gzip`);
    return 0;
  },
};
