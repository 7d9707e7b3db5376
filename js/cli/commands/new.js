// `kiln new NAME_OR_PATH`: a new app from js/cli/scaffold/, with {{name}},
// {{kiln}} and {{wrangler}} filled in, and a random SESSION_SECRET in
// .dev.vars (git-ignored) so sessions work under `kiln dev` at once.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CommandError, UsageError } from '../args.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
const SCAFFOLD = path.join(HERE, '../scaffold');
// npm never packs a file named .gitignore, so the scaffold's is 'gitignore'.
const RENAMED = { gitignore: '.gitignore' };

export class NewError extends CommandError {}

function files(dir, rel = '') {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const r = rel ? `${rel}/${e.name}` : e.name;
    return e.isDirectory() ? files(dir, r) : [r];
  }).sort();
}

// kiln: the devDependency spec for kiln (default: file: the kiln that runs,
// relative to the app, so `npm install` in the app resolves to this very
// installation, a tarball's or a checkout's; kiln is not on the npm registry
// yet); the app's name is the directory's base name.
export function newApp(target, { kiln } = {}) {
  const dir = path.resolve(target);
  const name = path.basename(dir).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!name) throw new NewError(`cannot make an app name from '${target}': use letters, digits and '-'`);
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new NewError(`${target} exists and is not a directory`);
    if (fs.readdirSync(dir).length > 0) throw new NewError(`${target} is not empty: refusing to overwrite it`);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const self = path.relative(dir, ROOT).split(path.sep).join('/') || '.';
  const vars = { name, kiln: kiln ?? `file:${self}`, wrangler: pkg.devDependencies?.wrangler ?? '^4' };
  const written = [];
  for (const rel of files(SCAFFOLD)) {
    const out = RENAMED[rel] ?? rel;
    const text = fs.readFileSync(path.join(SCAFFOLD, rel), 'utf8').replace(/\{\{(\w+)\}\}/g, (m, k) => vars[k] ?? m);
    fs.mkdirSync(path.dirname(path.join(dir, out)), { recursive: true });
    fs.writeFileSync(path.join(dir, out), text);
    written.push(out);
  }
  fs.writeFileSync(path.join(dir, '.dev.vars'), `SESSION_SECRET=${crypto.randomBytes(32).toString('hex')}\n`);
  written.push('.dev.vars');
  return { dir, name, files: written.sort() };
}

export const command = {
  name: 'new',
  summary: 'create a new app (app.rb, views/, public/, wrangler.toml...)',
  usage: 'new NAME_OR_PATH [--kiln SPEC]',
  description: `
Creates a new app in NAME_OR_PATH (which must not exist or be empty):
app.rb (routes, a form with a session flash, a KV counter), views/
(layout.erb, index.erb), public/style.css (static assets), test/,
wrangler.toml (build command, KV binding, assets), package.json,
.gitignore, README.md and .dev.vars (a random SESSION_SECRET for local
development; git-ignored). The app's name is the directory's name.`,
  options: {
    kiln: {
      type: 'string', arg: 'SPEC',
      help: "the kiln devDependency in package.json (default: file:PATH of the kiln that runs, relative to the app, so 'npm install' in the app resolves to it), e.g. --kiln ^0.1.0",
    },
  },
  footer: 'Then: cd NAME && npm install && npx kiln dev',
  run({ positionals, values }) {
    if (positionals.length !== 1) throw new UsageError('give one NAME_OR_PATH');
    const app = newApp(positionals[0], { kiln: values.kiln });
    const rel = path.relative(process.cwd(), app.dir) || '.';
    // npm install is only needed when kiln is not reachable from the app yet
    // (e.g. installed in a parent directory, as in the Getting started).
    let installed = true;
    try { createRequire(path.join(app.dir, 'package.json')).resolve('kiln/package.json'); } catch { installed = false; }
    console.log(`kiln: created ${rel} (${app.files.join(', ')})\n\nNext:\n  cd ${rel}\n${installed ? '' : '  npm install\n'}  npx kiln dev`);
    return 0;
  },
};
