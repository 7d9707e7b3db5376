// The table of known requires (js/cli/build/requires.js) and its runtime
// half (ruby/kiln/boot/loader.rb BUILTIN): every literal require the app
// makes, and the Gemfile's gems when it calls Bundler.require, is checked
// at build time; what Kiln cannot have fails with file:line, the reason and
// what is available.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { bundlerGroups, checkRequires, gemfileGems, libraryNames, REQUIRES, requireSites } from '../../js/cli/build/requires.js';
import { ROOT, loadTempApp, tempApp } from '../support/helpers.mjs';

const get = async (app, p) => (await app.fetch(new Request(`http://example.org${p}`))).text();

test("the table's builtin and no-op rows without a library file are exactly the loader's BUILTIN; library rows have files", () => {
  const loader = fs.readFileSync(path.join(ROOT, 'ruby/kiln/boot/loader.rb'), 'utf8');
  const builtin = loader.match(/BUILTIN = %w\[([^\]]*)\]/)[1].split(/\s+/).filter(Boolean).sort();
  const libs = new Set(libraryNames());
  const rows = Object.entries(REQUIRES).filter(([name, [kind]]) => (kind === 'builtin' || kind === 'noop') && !libs.has(name)).map(([n]) => n).sort();
  assert.deepEqual(rows, builtin);
  for (const [name, [kind]] of Object.entries(REQUIRES)) {
    if (kind === 'library') assert.ok(libs.has(name), `${name}: a library row needs ruby/kiln/lib/${name}.rb`);
    if (kind === 'unavailable') assert.ok(!libs.has(name), `${name} is unavailable but has a library file`);
  }
});

test('requireSites: literal requires with their lines; commented out ones do not count; rescue LoadError guards', () => {
  const src = "require 'a'\n# require 'b'\nx.require 'c'\nbegin\n  require(\"d.rb\")\nrescue LoadError\nend\n";
  assert.deepEqual(requireSites(src), [{ name: 'a', line: 1, guarded: false }, { name: 'd', line: 5, guarded: true }]);
});

test('a gem Kiln cannot have fails the build with file:line, the reason and the available libraries', () => {
  const dir = tempApp({ 'app.rb': "require 'sinatra'\nrequire_relative 'lib/db'\nget('/') { 'x' }\n", 'lib/db.rb': "\n\nrequire 'pg'\n" });
  assert.throws(() => build(dir, { log: null }), (e) => {
    assert.match(e.message, /^lib\/db\.rb:3: require 'pg': Workers cannot open raw TCP sockets from Ruby to PostgreSQL: use D1/m);
    assert.match(e.message, /^available: .*\bdate\b.*\bjwt\b.*\bsequel\b.*\btime\b.*\buri\b/m);
    return true;
  });
  const unknown = tempApp({ 'app.rb': "require 'sinatra'\nrequire 'no_such_gem'\n" });
  assert.throws(() => build(unknown, { log: null }), /app\.rb:2: require 'no_such_gem': not a file of the app, and not a library Kiln provides$/m);
});

test('kiln build, kiln request: the failure is the command\'s (exit 1, file:line on stderr)', () => {
  const dir = tempApp({ 'app.rb': "require 'nokogiri'\nget('/') { 'x' }\n" });
  for (const args of [['build', dir], ['request', path.join(dir, 'app.rb'), 'GET', '/']]) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), ...args], { encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /app\.rb:1: require 'nokogiri': a C extension gem/);
    assert.match(r.stderr, /available: /);
  }
});

test('a require rescued with LoadError builds with a warning and raises LoadError when it runs', async () => {
  const { app } = await loadTempApp({ 'app.rb': "begin\n  require 'pry'\nrescue LoadError\n  NO_PRY = true\nend\nget('/') { NO_PRY.to_s }\n" });
  assert.equal(await get(app, '/'), 'true');
});

test("the honest no-ops load, and what they define works (Sinatra::Reloader, Bundler.setup, also_reload)", async () => {
  const { app } = await loadTempApp({
    'app.rb': "require 'rubygems'\nrequire 'bundler/setup'\nrequire 'sinatra'\nrequire 'sinatra/reloader' if development?\n" +
      "require 'dotenv/load'\nrequire 'set'\nrequire 'json/ext'\nrequire 'tilt/erubis'\nrequire 'rack'\nrequire 'rack/utils'\n" +
      "configure :development do\n  register Sinatra::Reloader\n  also_reload './lib/*.rb'\nend\nBundler.setup(:default)\n" +
      "get('/') { Rack::Utils.escape_html('<ok>') }\n",
  });
  assert.equal(await get(app, '/'), '&lt;ok&gt;');
});

test('Gemfile: gemfileGems reads groups, require: and inline group:; bundlerGroups reads the call', () => {
  const gems = gemfileGems(`source 'https://rubygems.org'
gem 'sinatra', '~> 4.0'
gem "jwt"
gem 'sinatra-contrib', require: 'sinatra/contrib'
gem 'rake', require: false
group :development, :test do
  gem 'pry'
  gem 'rack-test'
end
gem 'puma', group: :production
`);
  assert.deepEqual(gems.map((g) => [g.gem, g.groups.join('+'), g.require, g.line]), [
    ['sinatra', 'default', undefined, 2], ['jwt', 'default', undefined, 3], ['sinatra-contrib', 'default', 'sinatra/contrib', 4],
    ['rake', 'default', null, 5], ['pry', 'development+test', undefined, 7], ['rack-test', 'development+test', undefined, 8],
    ['puma', 'production', undefined, 10],
  ]);
  assert.deepEqual(bundlerGroups(['Bundler.require']), ['default']);
  assert.deepEqual(bundlerGroups(["Bundler.require(:default, 'test')"]), ['default', 'test']);
  assert.deepEqual(bundlerGroups(['Bundler.require(:default, settings.environment)']), ['default', 'production']);
  assert.equal(bundlerGroups(["require 'bundler'"]), null);
});

test('Bundler.require: the Gemfile gems of the named groups are checked at build time and required at run time', async () => {
  const gemfile = "source 'https://rubygems.org'\ngem 'sinatra'\ngem 'jwt'\ngem 'ostruct', require: false\n" +
    "group :development do\n  gem 'pry'\nend\n";
  const { app } = await loadTempApp({
    'app.rb': "require 'bundler'\nBundler.require(:default)\nget('/') { [JWT.name, Object.const_defined?(:OpenStruct)].inspect }\n",
    Gemfile: gemfile,
  });
  assert.equal(await get(app, '/'), '["JWT", false]');
  // The development group names pry: requiring that group fails the build at its Gemfile line.
  const dir = tempApp({ 'app.rb': 'Bundler.require(:default, :development)\n', Gemfile: gemfile });
  assert.throws(() => build(dir, { log: null }), /Gemfile:6: require 'pry': a REPL needs a terminal/m);
  // Without Bundler.require the Gemfile is not read.
  assert.deepEqual(checkRequires([{ rel: 'app.rb', text: "get('/') { 1 }" }], { gemfile: "gem 'pg'\n" }).errors, []);
});
