// `kiln build APP_DIR`: compiles the app's Ruby files to mruby bytecode and
// writes a Worker bundle to APP_DIR/build/:
//   worker.mjs   the entry (wrangler.toml `main`)
//   app.kbc      the bytecode bundle: [[path, bytecode]...], main file first,
//                then the ERB templates (js/cli/build/templates.js)
//   kiln.wasm, kiln.mjs, kiln/*.js   the runtime
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { encode } from '../../worker/codec.js';
import { readConfig } from '../../node/config.js';
import { CommandError } from '../args.js';
import { progress as counter } from '../progress.js';
import { impliedNames, libraryFiles, RUBY_DIR } from './libraries.js';
import { checkRequires } from './requires.js';
import { findMrbc, runMrbc } from './mrbc.js';
import { compileTemplates, templateSources, TemplateBuildError } from './templates.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../../..');
// js/worker/: exactly what the Worker bundle ships, copied into build/kiln/.
const WORKER_JS = path.join(ROOT, 'js/worker');
const SKIP_DIRS = new Set(['build', 'node_modules', 'test', 'tests', 'public', '.kiln', '.wrangler', '.git']);
// Migrations are compiled to SQL by `kiln db migrate` (js/cli/commands/migrate.js), not bundled.
const SKIP_PATHS = new Set(['db/migrate']);

export class BuildError extends CommandError {
  report() {
    return `kiln: build failed\n${this.message}`;
  }
}

// Where the prebuilt runtime and the Ruby compiler are (js/cli/build/mrbc.js).
export function toolchain() {
  const dist = process.env.KILN_RUNTIME_DIR ?? path.join(ROOT, 'dist');
  const wasm = path.join(dist, 'kiln.wasm');
  if (!fs.existsSync(wasm)) throw new BuildError(`runtime not found at ${wasm}: run scripts/setup && scripts/build wasm`);
  const mrbc = findMrbc(ROOT, dist);
  if (mrbc.missing) throw new BuildError(`mrbc not found at ${mrbc.missing}: run scripts/setup && scripts/build wasm`);
  return { dist, mrbc };
}

export function rubyFiles(appDir, dir = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(appDir, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory() && !SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.') && !SKIP_PATHS.has(rel)) out.push(...rubyFiles(appDir, rel));
    else if (entry.isFile() && entry.name.endsWith('.rb')) out.push(rel);
  }
  return out.sort();
}

// The entry of an app directory: config.ru when there is one (as rackup
// picks it, whether or not app.rb is there too), else app.rb.
export function defaultMain(appDir) {
  return fs.existsSync(path.join(appDir, 'config.ru')) ? 'config.ru' : 'app.rb';
}

// config.ru is a Rack::Builder script: its `use`, `run`, `map` and
// `warmup` build the app Kiln serves. Rack evaluates it inside a
// Rack::Builder.new block; here it runs as a file's top level (so a class
// it defines is a top-level constant, as in Rack: mruby's instance_eval
// would put it in the builder's singleton class), with those four words
// sent to the builder while this file's top level runs
// (ruby/kiln/lib/rack/builder.rb Builder.rackup). The first line keeps its
// number, so backtraces read "config.ru:3"; __END__ ends it, as in Rack.
export const RACKUP_LIBRARY = 'rack/builder';
function rackupSource(source) {
  const end = source.search(/^__END__\r?$/m);
  const body = end < 0 ? source : source.slice(0, end);
  return `Rack::Builder.rackup(self); ${body}\nKiln.app = Rack::Builder.rackup_app\n`;
}

// Compiles one file, reusing the cached bytecode when the source is older.
// Paths stay relative so backtraces read "app.rb:12". A .ru file is
// compiled from its Rack::Builder form, written to the cache under its own
// name (so backtraces still read "config.ru:3").
function compile(appDir, rel, cacheDir, mrbc) {
  let src = path.join(appDir, rel);
  const out = path.join(cacheDir, `${rel}.mrb`);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= fs.statSync(src).mtimeMs) return { bytes: fs.readFileSync(out), fresh: false };
  fs.mkdirSync(path.dirname(out), { recursive: true });
  let cwd = appDir;
  if (rel.endsWith('.ru')) {
    cwd = path.join(cacheDir, 'rackup');
    fs.mkdirSync(path.dirname(path.join(cwd, rel)), { recursive: true });
    fs.writeFileSync(path.join(cwd, rel), rackupSource(fs.readFileSync(src, 'utf8')));
    src = path.join(cwd, rel);
  }
  const r = runMrbc(mrbc, ['-g', '-o', out, rel], cwd);
  if (r.status !== 0) {
    fs.rmSync(out, { force: true });
    throw new BuildError((r.stderr || r.stdout || `mrbc failed on ${rel}`).trim());
  }
  return { bytes: fs.readFileSync(out), fresh: true };
}

// link: hard-link the prebuilt runtime (dist/) instead of copying it, so
// many builds (the compat corpus has hundreds) share one file on disk. A
// changed file is replaced, never written through, so builds linked to the
// old one keep their content. Sources (js/) are always copied.
function copyIfChanged(from, to, { link = false } = {}) {
  const data = fs.readFileSync(from);
  if (fs.existsSync(to)) {
    if (fs.readFileSync(to).equals(data)) return;
    fs.rmSync(to);
  }
  if (link) {
    try {
      fs.linkSync(from, to);
      return;
    } catch { /* another filesystem, or links unsupported: copy */ }
  }
  fs.writeFileSync(to, data);
}

// The Worker entry: the fetch/scheduled/queue handler, plus one exported
// class per Ruby Durable Object (workerd needs them as module exports).
function entry(durableObjects) {
  return `// Generated by \`kiln build\`: do not edit.
import wasmModule from './kiln.wasm';
import bundle from './app.kbc';
import createKiln from './kiln.mjs';
import { createWorker } from './kiln/entry.js';

const worker = createWorker({ createKiln, wasmModule, bundle });
export default worker.handler;
${durableObjects.map((name) => `export const ${name} = worker.durableObject('${name}');`).join('\n')}
`;
}

// `class Counter < Kiln::DurableObject` (or Sinatra::DurableObject) in any file.
export function durableObjectClasses(appDir, files) {
  const names = new Set();
  for (const rel of files) {
    const src = fs.readFileSync(path.join(appDir, rel), 'utf8');
    for (const m of src.matchAll(/^\s*class\s+([A-Z]\w*)\s*<\s*(?:Kiln|Sinatra)::DurableObject\b/gm)) names.add(m[1]);
  }
  return [...names].sort();
}

// `schedule 'CRON'` blocks whose cron is not a [triggers] crons entry of
// the configuration (js/node/config.js: wrangler.json, .jsonc or .toml) never
// fire: say so (the build never edits the configuration).
export function cronWarnings(appDir, files) {
  const wanted = new Set();
  for (const rel of files) {
    const src = fs.readFileSync(path.join(appDir, rel), 'utf8');
    for (const m of src.matchAll(/^\s*schedule\s*\(?\s*(['"])(.+?)\1/gm)) wanted.add(m[2]);
  }
  if (wanted.size === 0) return [];
  const { crons, file } = readConfig(appDir);
  const declared = new Set(crons);
  const name = file ? path.basename(file) : 'wrangler.toml';
  return [...wanted].filter((c) => !declared.has(c))
    .map((c) => `kiln: warning: schedule '${c}' has no matching [triggers] crons entry in ${name}; it will not fire`);
}

// Where the build of APP_DIR/main goes: APP_DIR/build/ for the directory's
// entry (app.rb or config.ru), and APP_DIR/build/<name>/ for any other main
// file (tests/compat/cases/foo.rb -> cases/build/foo/), so several app files
// in one directory keep apart.
export function outDirFor(appDir, main = defaultMain(appDir)) {
  const root = path.join(path.resolve(appDir), 'build');
  return main === 'app.rb' || main === 'config.ru' ? root : path.join(root, main.replace(/\.rb$/, '').replaceAll('/', '__'));
}

// main: the file run at boot (relative to appDir); outDir: where to write
// (default outDirFor); files: the other .rb files to bundle (default: every
// .rb file under appDir); log: where the summary goes (null: no summary, no
// size measuring); extra: more files to bundle, [{ dir, rel }], each
// compiled in dir and bundled as rel (kiln test's DSL and test files);
// libraries: Kiln library names to bundle whatever the files require (kiln db
// migrate's kiln/migration); progress: show a file counter on stderr
// (js/cli/progress.js; kiln build on a terminal). The bytecode cache
// APP_DIR/build/.cache is shared by every main file of the directory, so
// each file compiles once.
export function build(appDir, { main, outDir, files: others, extra = [], libraries = [], log = console.log, progress = false } = {}) {
  appDir = path.resolve(appDir);
  main = path.normalize(main ?? defaultMain(appDir)).split(path.sep).join('/');
  if (main.endsWith('.ru')) libraries = [...libraries, RACKUP_LIBRARY];
  if (!fs.existsSync(path.join(appDir, main))) throw new BuildError(`no ${main} in ${appDir}`);
  const { dist, mrbc } = toolchain();
  outDir = outDir ? path.resolve(outDir) : outDirFor(appDir, main);
  const cacheDir = path.join(appDir, 'build', '.cache');
  fs.mkdirSync(path.join(outDir, 'kiln'), { recursive: true });

  const files = [main, ...(others ?? rubyFiles(appDir)).filter((f) => f !== main)];
  // Every literal require of the app's files, and the Gemfile's gems if it
  // calls Bundler.require, must be something Kiln has (js/cli/build/requires.js).
  const appSources = files.map((rel) => ({ rel, text: fs.readFileSync(path.join(appDir, rel), 'utf8') }));
  const gemfilePath = path.join(appDir, 'Gemfile');
  const gemfile = fs.existsSync(gemfilePath) ? fs.readFileSync(gemfilePath, 'utf8') : null;
  const checked = checkRequires(appSources, { appFiles: files, gemfile });
  if (checked.errors.length) throw new BuildError(checked.errors.join('\n'));
  for (const w of checked.warnings) console.warn(`kiln: warning: ${w}`);
  // Kiln's optional libraries the bundled files require (js/cli/build/libraries.js).
  const sources = [...appSources.map((s) => s.text), ...extra.map(({ dir, rel }) => fs.readFileSync(path.join(dir, rel), 'utf8'))];
  const wanted = [...libraries, ...checked.requires].map((name) => `require '${name}'`);
  // Templates count for the libraries a use implies (`<%= t.strftime(...) %>`).
  const erb = templateSources(appDir, { main, skipDirs: SKIP_DIRS });
  const views = erb.filter((t) => t.rel !== main).map((t) => fs.readFileSync(t.file, 'utf8'));
  const implied = impliedNames([...sources, ...views], files);
  const libs = libraryFiles([...sources, ...wanted, ...implied.map((name) => `require '${name}'`)], files);
  const generated = generatedFiles(cacheDir, [
    ...(implied.length ? [['kiln/prelude.rb', preludeRuby(implied)]] : []),
    ...(Object.keys(checked.gems).length ? [['kiln/gemfile.rb', gemfileRuby(checked.gems)]] : []),
    ...(libs.includes('kiln/lib/kiln/file.rb') ? [['kiln/files.rb', fileView(appDir, [...files, ...erb.map((t) => t.rel)])]] : []),
  ]);
  const ruby = [...files.map((rel) => ({ dir: appDir, rel })), ...extra, ...libs.map((rel) => ({ dir: RUBY_DIR, rel })), ...generated];
  const shown = counter('kiln: compiling', ruby.length + erb.length, { enabled: progress });
  let compiled = 0;
  const entries = [];
  let templates;
  try {
    for (const { dir, rel } of ruby) {
      const { bytes, fresh } = compile(dir, rel, cacheDir, mrbc);
      compiled += fresh;
      entries.push([rel, new Uint8Array(bytes)]);
      shown.tick();
    }
    templates = buildTemplates(appDir, { main, mrbc, cacheDir, skipDirs: SKIP_DIRS, sources: erb, onFile: shown.tick });
  } finally {
    shown.done();
  }
  entries.push(...templates.entries);
  compiled += templates.compiled;
  for (const w of cronWarnings(appDir, files)) console.warn(w);
  const bundle = encode(entries);
  fs.writeFileSync(path.join(outDir, 'app.kbc'), bundle);
  copyIfChanged(path.join(dist, 'kiln.wasm'), path.join(outDir, 'kiln.wasm'), { link: true });
  copyIfChanged(path.join(dist, 'kiln.mjs'), path.join(outDir, 'kiln.mjs'), { link: true });
  for (const f of fs.readdirSync(WORKER_JS, { recursive: true })) {
    if (!f.endsWith('.js')) continue;
    fs.mkdirSync(path.dirname(path.join(outDir, 'kiln', f)), { recursive: true });
    copyIfChanged(path.join(WORKER_JS, f), path.join(outDir, 'kiln', f));
  }
  fs.writeFileSync(path.join(outDir, 'worker.mjs'), entry(durableObjectClasses(appDir, files)));

  // The size report gzips the runtime, which takes longer than the rest of
  // an incremental build: skipped when log is null.
  if (!log) return { outDir, files, libraries: libs };
  const sizes = {};
  for (const f of ['kiln.wasm', 'kiln.mjs', 'app.kbc']) {
    const data = fs.readFileSync(path.join(outDir, f));
    sizes[f] = { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  }
  const total = Object.values(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });
  log(`kiln: built ${path.relative(process.cwd(), outDir) || '.'} (${files.length} Ruby file(s), ${templates.entries.length} template file(s), ${compiled} compiled): ` +
      `${kib(total.raw)} raw, ${kib(total.gzip)} gzip [wasm ${kib(sizes['kiln.wasm'].gzip)}, app ${kib(sizes['app.kbc'].gzip)}]`);
  return { outDir, files, libraries: libs, sizes };
}

// Ruby the build writes for the app, each [rel, text]: kiln/prelude.rb, the
// implied requires (run at boot before the app); kiln/gemfile.rb, the
// Gemfile's gems per group for Bundler.require (ruby/kiln/lib/bundler.rb),
// when the app calls it; kiln/files.rb, the read-only file view, when the
// app uses File or Dir (ruby/kiln/lib/kiln/file.rb). Rewritten only when
// the content changes, so the bytecode cache holds.
function generatedFiles(cacheDir, generated) {
  const dir = path.join(cacheDir, 'generated');
  return generated.map(([rel, text]) => {
    const file = path.join(dir, rel);
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
    return { dir, rel };
  });
}

// A Ruby double-quoted literal: JSON's escapes are Ruby's, and "#" must not interpolate.
const rubyString = (s) => JSON.stringify(s).replace(/#/g, '\\#').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

function preludeRuby(names) {
  return '# Generated by kiln build: the libraries the app uses without a require, as CRuby\'s Sinatra loads them ' +
    `(js/cli/build/libraries.js IMPLIED).\n${names.map((n) => `require ${rubyString(n)}\n`).join('')}`;
}

function gemfileRuby(gems) {
  const groups = Object.entries(gems).map(([g, names]) => `  ${rubyString(g)} => [${names.map(rubyString).join(', ')}],`);
  return `# Generated by kiln build from the app's Gemfile: the gems Bundler.require requires, per group.\n` +
    `Bundler::GEMFILE_GROUPS = {\n${groups.join('\n')}\n}.freeze\n`;
}

// The text data files File.read can see (ruby/kiln/lib/kiln/file.rb says
// which), and the names of the other bundled files.
const DATA_EXT = /\.(json|ya?ml|csv|tsv|txt|md|markdown|html?|xml|svg|css|sql|toml|ini|conf)$/i;
const DATA_FILE_MAX = 256 * 1024;
const DATA_TOTAL_MAX = 1024 * 1024;
export function fileView(appDir, names) {
  const data = [];
  let total = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(path.join(appDir, dir), { withFileTypes: true })) {
      const rel = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !SKIP_PATHS.has(rel)) walk(rel);
      } else if (entry.isFile() && DATA_EXT.test(entry.name) && !/^(wrangler\.toml|package(-lock)?\.json)$/.test(rel)) {
        const bytes = fs.readFileSync(path.join(appDir, rel));
        const text = bytes.toString('utf8');
        if (bytes.length > DATA_FILE_MAX || total + bytes.length > DATA_TOTAL_MAX || Buffer.from(text, 'utf8').compare(bytes) !== 0) continue;
        total += bytes.length;
        data.push([rel, text]);
      }
    }
  };
  walk('');
  const entries = data.map(([rel, text]) => `    ${rubyString(rel)} => ${rubyString(text)},`);
  return '# Generated by kiln build: the read-only file view (ruby/kiln/lib/kiln/file.rb).\n' +
    `Kiln::BUNDLED_FILES = {\n  data: {\n${entries.join('\n')}\n  },\n  names: [${names.map(rubyString).join(', ')}],\n}.freeze\n`;
}

function buildTemplates(appDir, options) {
  try {
    return compileTemplates(appDir, options);
  } catch (e) {
    if (e instanceof TemplateBuildError) throw new BuildError(e.message);
    throw e;
  }
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
