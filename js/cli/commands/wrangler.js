// `kiln dev` and `kiln deploy`: build, then hand over to wrangler, found in
// the app's node_modules (or an ancestor's), else in kiln's own.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export class WranglerError extends Error {}

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

export function requireWranglerToml(appDir) {
  if (!fs.existsSync(path.join(appDir, 'wrangler.toml'))) {
    throw new WranglerError(`no wrangler.toml in ${appDir} (kiln new makes one)`);
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
