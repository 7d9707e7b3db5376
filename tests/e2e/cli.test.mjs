// The CLI as a user gets it: `npm pack`, then `npm install TARBALL
// wrangler@PINNED` in an empty directory (no .deps, no native mrbc:
// dist/mrbc.cjs compiles), then kiln new / test / build / deploy --dry-run,
// and the scaffold served by wrangler dev on workerd.
//
// wrangler comes from the npm registry like a user's; --prefer-offline takes
// it from the npm cache when it is there (scripts/setup's npm ci filled it),
// which keeps the install to seconds.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';

const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CI: 'true', npm_config_update_notifier: 'false' };
delete env.KILN_MRBC;
delete env.KILN_RUNTIME_DIR;
let home;
let blog;
let server;

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 300_000 });
  return { ...r, out: `${r.stdout}${r.stderr}` };
}

before(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-cli-'));
  const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', home], { cwd: ROOT, env, encoding: 'utf8' }).trim().split('\n').pop();
  const wrangler = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).devDependencies.wrangler;
  const r = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(home, packed), `wrangler@${wrangler}`], home);
  assert.equal(r.status, 0, r.out);
  blog = path.join(home, 'blog');
});

after(async () => {
  await server?.stop();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

test('the package holds the runtime and the wasm mrbc, not the sources or .deps', () => {
  const pkg = path.join(home, 'node_modules/kiln');
  for (const f of ['js/cli/main.js', 'js/cli/commands/test.js', 'js/cli/scaffold/app.rb', 'js/cli/scaffold/gitignore', 'dist/kiln.wasm', 'dist/kiln.mjs', 'dist/mrbc.cjs',
    'dist/kiln-node.cjs', 'dist/kiln-node.wasm', 'ruby/kiln/test/dsl.rb', 'ruby/kiln/test/websocket.rb']) {
    assert.ok(fs.existsSync(path.join(pkg, f)), f);
  }
  for (const f of ['src', 'tests', '.deps', 'scripts', 'CMakeLists.txt']) assert.ok(!fs.existsSync(path.join(pkg, f)), f);
});

test('npx kiln new blog scaffolds an app; a second time it refuses', () => {
  const r = run('npx', ['--no-install', 'kiln', 'new', 'blog'], home);
  assert.equal(r.status, 0, r.out);
  // kiln is installed in a parent directory: no `npm install` step needed.
  assert.match(r.stdout, /Next:\n  cd blog\n  npx kiln dev/);
  for (const f of ['app.rb', 'views/layout.erb', 'views/index.erb', 'public/style.css', 'test/app_test.rb', 'wrangler.toml', 'package.json', '.gitignore', 'README.md', '.dev.vars']) {
    assert.ok(fs.existsSync(path.join(blog, f)), f);
  }
  const toml = fs.readFileSync(path.join(blog, 'wrangler.toml'), 'utf8');
  assert.match(toml, /^name = "blog"$/m);
  assert.match(toml, /command = "npx kiln build"/);
  assert.match(toml, /\[\[rules\]\]\ntype = "Data"\nglobs = \["\*\*\/\*\.kbc"\]/);
  assert.match(fs.readFileSync(path.join(blog, '.dev.vars'), 'utf8'), /^SESSION_SECRET=[0-9a-f]{64}\n$/);
  // package.json names the kiln that made the app, so npm install resolves it.
  const spec = JSON.parse(fs.readFileSync(path.join(blog, 'package.json'), 'utf8')).devDependencies.kiln;
  assert.equal(spec, 'file:../node_modules/kiln');
  const dry = run('npm', ['install', '--dry-run', '--prefer-offline', '--no-audit', '--no-fund'], blog);
  assert.equal(dry.status, 0, dry.out);
  const again = run('npx', ['--no-install', 'kiln', 'new', 'blog'], home);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /kiln new: blog is not empty: refusing to overwrite it/);
});

test('npx kiln test runs the scaffold tests offline', () => {
  const r = run('npx', ['--no-install', 'kiln', 'test'], blog);
  assert.equal(r.status, 0, r.out);
  assert.match(r.stdout, /# Running:\n\n\.{4}\n[\s\S]*\n4 passed, 0 failed, 0 errors, 0 skipped\n$/);
  assert.ok(!fs.existsSync(path.join(blog, '.kiln')), 'kiln test keeps its state out of .kiln');
});

test('npx kiln build compiles with the wasm mrbc (no native mrbc reachable)', () => {
  const r = run('npx', ['--no-install', 'kiln', 'build'], blog);
  assert.equal(r.status, 0, r.out);
  // (kiln test compiled these already: the bytecode cache is shared)
  assert.match(r.stdout, /1 Ruby file\(s\), 2 template file\(s\), \d compiled/);
  for (const f of ['worker.mjs', 'app.kbc', 'kiln.wasm', 'kiln.mjs']) assert.ok(fs.existsSync(path.join(blog, 'build', f)), f);
  fs.appendFileSync(path.join(blog, 'app.rb'), "\nget '/broken' do\n  [1,\nend\n");
  const bad = run('npx', ['--no-install', 'kiln', 'build'], blog);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /^app\.rb:\d+:\d+: syntax error/m);
  fs.writeFileSync(path.join(blog, 'app.rb'), fs.readFileSync(path.join(blog, 'app.rb'), 'utf8').replace(/\nget '\/broken'[\s\S]*$/, '\n'));
});

test('npx kiln deploy --dry-run prints the upload size', () => {
  const r = run('npx', ['--no-install', 'kiln', 'deploy', '--dry-run'], blog);
  assert.equal(r.status, 0, r.out);
  assert.match(r.stdout, /kiln: upload size \(dry run, \d+ files\): [\d.]+ KiB raw, [\d.]+ KiB gzip/);
  console.log(r.stdout.match(/kiln: upload size.*/)[0]);
});

test('npx wrangler dev serves the scaffold: page, assets, KV, a form with a session flash', async () => {
  // The wrangler installed next to kiln, as `npx wrangler dev` runs it.
  server = await startWrangler(blog, { bin: path.join(home, 'node_modules/.bin/wrangler') });
  const index = await fetch(`${server.url}/`);
  assert.equal(index.status, 200, server.log());
  assert.match(await index.text(), /<title>blog<\/title>[\s\S]*<form method="post" action="\/notes">/);
  const css = await fetch(`${server.url}/style.css`);
  assert.equal(css.status, 200);
  assert.match(await css.text(), /\.notice/);
  assert.equal(await (await fetch(`${server.url}/visits`)).text(), 'Visits: 1');
  assert.equal(await (await fetch(`${server.url}/visits`)).text(), 'Visits: 2');
  assert.equal(await (await fetch(`${server.url}/hello/%3Cb%3E`)).text(), 'Hello &lt;b&gt;');

  const post = await fetch(`${server.url}/notes`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'text=%3Ci%3Ebuy+milk%3C%2Fi%3E',
  });
  assert.ok([302, 303].includes(post.status), `${post.status} ${await post.text()}`);
  assert.equal(new URL(post.headers.get('location'), server.url).pathname, '/');
  const cookie = post.headers.get('set-cookie').split(';')[0];
  const shown = await fetch(`${server.url}/`, { headers: { cookie } });
  const page = await shown.text();
  assert.match(page, /<p class="notice">Saved: &lt;i&gt;buy milk&lt;\/i&gt;<\/p>/);
  assert.match(page, /<li>&lt;i&gt;buy milk&lt;\/i&gt;<\/li>/);
  // A flash shows once: the next page (with the updated cookie) has none.
  const next = await fetch(`${server.url}/`, { headers: { cookie: (shown.headers.get('set-cookie') ?? cookie).split(';')[0] } });
  const nextPage = await next.text();
  assert.doesNotMatch(nextPage, /class="notice"/);
  assert.match(nextPage, /<li>&lt;i&gt;buy milk&lt;\/i&gt;<\/li>/);
});

test('npx kiln dev serves on --port and rebuilds when a view changes', async () => {
  await server?.stop();
  server = null;
  const { freePort } = await import('../support/helpers.mjs');
  const { spawn } = await import('node:child_process');
  const port = await freePort();
  const child = spawn('npx', ['--no-install', 'kiln', 'dev', '--port', String(port), '--', '--ip', '127.0.0.1', '--inspector-port', String(await freePort())],
    { cwd: blog, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout.on('data', (d) => { log += d; });
  child.stderr.on('data', (d) => { log += d; });
  const get = async (p) => {
    try { return await (await fetch(`http://127.0.0.1:${port}${p}`, { signal: AbortSignal.timeout(5000) })).text(); } catch { return null; }
  };
  const waitFor = async (pred, what) => {
    for (let i = 0; i < 240; i++) {
      if (pred(await get('/'))) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.fail(`${what}:\n${log}`);
  };
  try {
    await waitFor((t) => t?.includes('<title>blog</title>'), 'kiln dev did not serve');
    assert.match(log, /kiln: built/);
    const index = path.join(blog, 'views/index.erb');
    fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace('<h1>', '<h1 class="changed">'));
    await waitFor((t) => t?.includes('<h1 class="changed">'), 'the edit was not rebuilt');
  } finally {
    process.kill(-child.pid, 'SIGINT');
    await new Promise((r) => { const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch {} r(); }, 5000); child.once('exit', () => { clearTimeout(t); r(); }); });
  }
});

test('every command has --help', () => {
  for (const cmd of ['build', 'new', 'test', 'dev', 'deploy', 'request']) {
    const r = run(process.execPath, [path.join(ROOT, 'js/cli/main.js'), cmd, '--help'], home);
    assert.equal(r.status, 0);
    assert.match(r.stdout, new RegExp(`^Usage: kiln ${cmd}\\b`));
  }
});
