// The app's configuration file (js/node/config.js): wrangler.json and
// wrangler.jsonc (comments, trailing commas; jsonc-parser, as wrangler reads
// them) wherever wrangler.toml is read: the emulation's bindings and vars,
// kiln db migrate's [[d1_databases]], the build's cron check, kiln dev's
// "is there a configuration" check. toml.js and the TOML cases are in
// emulation_events.test.mjs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cronWarnings } from '../../js/cli/build/build.js';
import { targetDatabase } from '../../js/cli/commands/migrate.js';
import { requireConfig } from '../../js/cli/commands/wrangler.js';
import { ConfigError, findConfigFile, parseConfigText, readConfig } from '../../js/node/config.js';
import { ROOT, tempApp } from '../support/helpers.mjs';

const JSONC = `{
  // the app
  "name": "jsonc-app",
  "main": "build/worker.mjs",
  "vars": { "GREETING": "from jsonc", "LIMIT": 3, },
  /* bindings */
  "kv_namespaces": [
    { "binding": "CACHE", "id": "local" },
  ],
  "d1_databases": [{ "binding": "DB", "database_name": "db", "migrations_dir": "db/sql" }],
  "triggers": { "crons": ["*/5 * * * *",], },
  "env": { "production": { "vars": { "GREETING": "prod" } } },
}
`;

const APP = `
get '/count' do
  n = (bindings.CACHE.get('n') || '0').to_i + 1
  bindings.CACHE.put('n', n.to_s)
  "#{ENV['GREETING']} #{n}"
end
schedule('*/5 * * * *') { |e| }
schedule('0 0 * * 1') { |e| }
`;

test('wrangler.jsonc: comments and trailing commas; bindings, vars, crons, [env.NAME]', () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.jsonc': JSONC });
  const c = readConfig(dir);
  assert.equal(c.file, path.join(dir, 'wrangler.jsonc'));
  assert.deepEqual(c.bindings, { CACHE: 'kv', DB: 'd1' });
  assert.deepEqual(c.vars, { GREETING: 'from jsonc', LIMIT: '3' });
  assert.deepEqual(c.crons, ['*/5 * * * *']);
  assert.deepEqual(readConfig(dir, { env: 'production' }).vars, { GREETING: 'prod' });
});

test("the configuration file is found in wrangler's order: wrangler.json, wrangler.jsonc, wrangler.toml", () => {
  const dir = tempApp({ 'wrangler.toml': 'name = "t"\n[vars]\nFROM = "toml"\n' });
  assert.equal(readConfig(dir).vars.FROM, 'toml');
  fs.writeFileSync(path.join(dir, 'wrangler.jsonc'), '{ "vars": { "FROM": "jsonc" } }');
  assert.equal(readConfig(dir).vars.FROM, 'jsonc');
  fs.writeFileSync(path.join(dir, 'wrangler.json'), '{ "vars": { "FROM": "json" }, }');
  assert.equal(readConfig(dir).vars.FROM, 'json');
  assert.equal(findConfigFile(dir), path.join(dir, 'wrangler.json'));
  assert.equal(findConfigFile(tempApp({})), null);
  assert.deepEqual(readConfig(tempApp({})).bindings, {}, 'no file: no bindings');
});

test('a JSON(C) error names the file and line; a JSON that is not an object is refused', () => {
  assert.throws(() => parseConfigText('{\n  "a": 1\n  "b": 2\n}\n', 'wrangler.jsonc'), (e) => e instanceof ConfigError && /^wrangler\.jsonc:3: CommaExpected$/.test(e.message));
  assert.throws(() => parseConfigText('[1]', 'wrangler.json'), /wrangler\.json:1: expected an object/);
  assert.throws(() => parseConfigText('', 'wrangler.json'), /wrangler\.json:1: /);
  assert.throws(() => parseConfigText('a = 1\na = 2\n', 'wrangler.toml'), (e) => e instanceof ConfigError && /^wrangler\.toml:2: /.test(e.message));
});

test('kiln db migrate, the cron check and kiln dev read wrangler.jsonc too', () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.jsonc': JSONC });
  assert.equal(targetDatabase(dir).binding, 'DB');
  assert.equal(targetDatabase(dir).migrations_dir, 'db/sql');
  const warnings = cronWarnings(dir, ['app.rb']);
  assert.deepEqual(warnings, ["kiln: warning: schedule '0 0 * * 1' has no matching [triggers] crons entry in wrangler.jsonc; it will not fire"]);
  requireConfig(dir);
  assert.throws(() => requireConfig(tempApp({ 'app.rb': '' })), /no wrangler\.toml \(or wrangler\.json, wrangler\.jsonc\)/);
});

test('kiln request on a wrangler.jsonc app: its KV is emulated and its [vars] are ENV', () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.jsonc': JSONC });
  const run = (...args) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'request', path.join(dir, 'app.rb'), 'GET', '/count', ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  assert.equal(run('--fresh').body, 'from jsonc 1');
  assert.equal(run().body, 'from jsonc 2', 'the KV state persists in .kiln');
});
