// The offline emulation of KV, D1 and R2 under node (js/node/bindings/index.js,
// src/bindings/): wrangler.toml parsing, state kept in APP_DIR/.kiln across
// loads and `kiln request` runs, --fresh, and binding errors. What each
// binding method does is in conformance.test.mjs (same checks on workerd).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { emulatedBindings } from '../../js/node/bindings/index.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, tempApp } from '../support/helpers.mjs';

const WRANGLER = `name = "t"
main = "build/worker.mjs"

[vars]
binding = "NOT_A_BINDING"

[[kv_namespaces]]
binding = "CACHE"   # a comment
id = "x"

[[d1_databases]]
binding = 'DB'
database_name = "db"

[[r2_buckets]]
binding = "FILES"
`;

const APP = `
get('/kv/:k') { bindings.CACHE.get(params[:k]) || 'missing' }
put('/kv/:k') { bindings.CACHE.put(params[:k], request.body.read); 'stored' }
post('/notes') do
  bindings.DB.exec('CREATE TABLE IF NOT EXISTS notes (body TEXT)')
  bindings.DB.prepare('INSERT INTO notes VALUES (?)').bind(request.body.read).run[:meta][:last_row_id].to_s
end
get('/notes') { bindings.DB.query('SELECT body FROM notes').map { |r| r[:body] }.join(',') }
# Test-only back door: ages every KV entry through SQLite's ATTACH (the
# emulation does not forbid it, D1 does).
post('/age-kv') do
  bindings.DB.exec("ATTACH DATABASE '#{params[:file]}' AS k\nUPDATE k.kv SET expiration = 1000\nDETACH DATABASE k")
  'aged'
end
get('/kv-list') { bindings.CACHE.list[:keys].map { |k| k[:name] }.join(',') }
put('/file') { bindings.FILES.put(params[:key], request.body.read, http_metadata: { contentType: request.content_type }).etag }
get('/file') do
  o = bindings.FILES.get(params[:key]) or halt 404, 'missing'
  content_type o.http_metadata[:contentType]
  o.body
end
get('/files') { bindings.FILES.list[:objects].map(&:key).join(',') }
get('/missing') { bindings[:NOPE].get('x') }
get('/kv-as-d1') { Kiln::Bindings::D1.new('CACHE').query('SELECT 1'); 'no error' }
`;

test('wrangler.toml: KV, D1 and R2 bindings from tables and inline arrays, nothing else', () => {
  assert.deepEqual(emulatedBindings(WRANGLER), { CACHE: 'kv', DB: 'd1', FILES: 'r2' });
  assert.deepEqual(emulatedBindings('r2_buckets = [{ binding = "B", bucket_name = "b" }]\n'), { B: 'r2' });
  assert.deepEqual(emulatedBindings('kv_namespaces = [{ binding = "A", id = "1" }, { binding = "B", id = "2" }]\n'), { A: 'kv', B: 'kv' });
  assert.deepEqual(emulatedBindings('name = "x"\n'), {});
});

const get = async (app, p, init) => {
  const r = await app.fetch(new Request(`http://localhost${p}`, init));
  return [r.status, await r.text()];
};

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

test('KV: an expired entry is gone on the next read and from list', async () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER });
  build(dir, { log: null });
  const app = await loadApp(dir, { fresh: true });
  await get(app, '/kv/a', { method: 'PUT', body: '1' });
  await get(app, '/kv/b', { method: 'PUT', body: '2' });
  assert.deepEqual(await get(app, '/kv-list'), [200, 'a,b']);
  const file = path.join(dir, '.kiln/kv.sqlite3');
  assert.deepEqual(await get(app, `/age-kv?file=${encodeURIComponent(file)}`, { method: 'POST' }), [200, 'aged']);
  assert.deepEqual(await get(app, '/kv/a'), [200, 'missing']);
  assert.deepEqual(await get(app, '/kv-list'), [200, '']);
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

test('R2: objects persist as files under APP_DIR/.kiln/r2 named by version, never by key; fresh wipes them', async () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER });
  build(dir, { log: null });
  const first = await loadApp(dir, { fresh: true });
  const bytes = Uint8Array.from([0, 255, 1, 128]);
  const put = await first.fetch(new Request('http://localhost/file?key=../../escape.bin', { method: 'PUT', body: bytes, headers: { 'Content-Type': 'application/x-kiln' } }));
  assert.equal(put.status, 200);
  assert.equal(await put.text(), '4680cc7ab84c4bde633ab878b5a62cb9');  // md5 of the bytes
  const blobs = fs.readdirSync(path.join(dir, '.kiln/r2'));
  assert.equal(blobs.length, 1);
  assert.match(blobs[0], /^[0-9a-f]{32}$/);
  assert.deepEqual([...fs.readFileSync(path.join(dir, '.kiln/r2', blobs[0]))], [...bytes]);
  assert.ok(!fs.existsSync(path.join(dir, '..', 'escape.bin')) && !fs.existsSync(path.join(dir, 'escape.bin')));

  const second = await loadApp(dir);
  const got = await second.fetch(new Request('http://localhost/file?key=../../escape.bin'));
  assert.equal(got.headers.get('content-type'), 'application/x-kiln');
  assert.deepEqual([...new Uint8Array(await got.arrayBuffer())], [...bytes]);
  assert.deepEqual(await get(second, '/files'), [200, '../../escape.bin']);

  const fresh = await loadApp(dir, { fresh: true });
  assert.deepEqual(fs.readdirSync(path.join(dir, '.kiln')), []);
  assert.deepEqual(await get(fresh, '/file?key=../../escape.bin'), [404, 'missing']);
  assert.deepEqual(fs.readdirSync(path.join(dir, '.kiln')), ['r2.sqlite3']);  // no blob left, none made by a read
});
