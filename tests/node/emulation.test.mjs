// The offline emulation under node (js/node/bindings/, src/bindings/), what
// the emulated bindings share: kinds from wrangler.toml, state kept in
// APP_DIR/.kiln across loads and `kiln request` runs, --fresh, and binding
// errors. Per binding: kv.test.mjs, d1.test.mjs, r2.test.mjs; what each
// binding method does is in tests/conformance (same checks on workerd).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { emulatedKinds } from '../../js/node/bindings/index.js';
import { configFromToml } from '../../js/node/config.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, tempApp } from '../support/helpers.mjs';
import { APP, WRANGLER, get } from '../support/emulated_app.mjs';

const emulatedBindings = (toml) => emulatedKinds(configFromToml(toml));

test('wrangler.toml: KV, D1 and R2 bindings from tables and inline arrays, nothing else', () => {
  assert.deepEqual(emulatedBindings(WRANGLER), { CACHE: 'kv', DB: 'd1', FILES: 'r2' });
  assert.deepEqual(emulatedBindings('r2_buckets = [{ binding = "B", bucket_name = "b" }]\n'), { B: 'r2' });
  assert.deepEqual(emulatedBindings('kv_namespaces = [{ binding = "A", id = "1" }, { binding = "B", id = "2" }]\n'), { A: 'kv', B: 'kv' });
  assert.deepEqual(emulatedBindings('name = "x"\n'), {});
});


test('state lives in APP_DIR/.kiln across loads; fresh wipes it', async () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER });
  build(dir, { log: null });
  const first = await loadApp(dir);
  assert.deepEqual(await get(first, '/kv/k', { method: 'PUT', body: 'v1' }), [200, 'stored']);
  assert.deepEqual(await get(first, '/notes', { method: 'POST', body: 'a' }), [200, '1']);
  assert.ok(fs.existsSync(path.join(dir, '.kiln/kv.sqlite3')));
  assert.ok(fs.existsSync(path.join(dir, '.kiln/d1-DB.sqlite3')));

  const second = await loadApp(dir);
  assert.deepEqual(await get(second, '/kv/k'), [200, 'v1']);
  assert.deepEqual(await get(second, '/notes', { method: 'POST', body: 'b' }), [200, '2']);
  assert.deepEqual(await get(second, '/notes'), [200, 'a,b']);

  const fresh = await loadApp(dir, { fresh: true });
  assert.deepEqual(await get(fresh, '/kv/k'), [200, 'missing']);
  assert.deepEqual(await get(fresh, '/notes', { method: 'POST', body: 'c' }), [200, '1']);
});

test('an undeclared binding, or one used as the wrong kind, is a clear Ruby error', async () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER });
  build(dir, { log: null });
  const app = await loadApp(dir, { fresh: true, printErr: () => {} });
  const [status, body] = await get(app, '/missing');
  assert.equal(status, 500);
  assert.match(body, /no binding named NOPE \(declared bindings: CACHE, DB, FILES\)/);
  const [s2, b2] = await get(app, '/kv-as-d1');
  assert.equal(s2, 500);
  assert.match(b2, /binding CACHE is not a d1 binding/);
});

test('kiln request: bindings work offline and persist between runs; --fresh starts over', () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER });
  const run = (...args) => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'request', path.join(dir, 'app.rb'), ...args], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout).body;
  };
  assert.equal(run('PUT', '/kv/greeting', '-d', 'hi', '-H', 'Content-Type: text/plain'), 'stored');
  assert.equal(run('GET', '/kv/greeting'), 'hi');
  assert.equal(run('POST', '/notes', '-d', 'x', '-H', 'Content-Type: text/plain'), '1');
  assert.equal(run('GET', '/notes'), 'x');
  assert.equal(run('GET', '/kv/greeting', '--fresh'), 'missing');
  assert.equal(run('POST', '/notes', '-d', 'y', '-H', 'Content-Type: text/plain'), '1');
});
