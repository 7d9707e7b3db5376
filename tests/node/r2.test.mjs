// R2 offline (js/node/bindings/r2.js over src/bindings/r2.cpp): bodies as
// files named by version, never by key. The r2 op's values are checked
// against workerd in tests/conformance (group r2); the C++ layer in
// tests/core/emulation_test.cpp.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { tempApp } from '../support/helpers.mjs';
import { APP, WRANGLER, get } from '../support/emulated_app.mjs';

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

test('R2: object files a killed process left without a row are removed when the bucket is next opened', async () => {
  const dir = tempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER });
  build(dir, { log: null });
  // A process putting objects in a loop, killed with SIGKILL mid-run.
  const script = `
    const { loadApp } = await import(${JSON.stringify(path.resolve('js/node/load_app.js'))});
    const app = await loadApp(${JSON.stringify(dir)});
    const body = new Uint8Array(256 << 10);
    for (let i = 0; ; i++) {
      await (await app.fetch(new Request('http://localhost/file?key=k' + (i % 3), { method: 'PUT', body }))).text();
      if (i === 3) process.stdout.write('putting\\n');
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  await new Promise((resolve) => setTimeout(resolve, 300));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  const blobs = path.join(dir, '.kiln/r2');
  // And one orphan for certain; a fresh orphan (a put another process is
  // making right now) is kept.
  fs.writeFileSync(path.join(blobs, 'f'.repeat(32)), 'orphan');
  const old = new Date(Date.now() - 120_000);
  for (const f of fs.readdirSync(blobs)) fs.utimesSync(path.join(blobs, f), old, old);
  fs.writeFileSync(path.join(blobs, 'e'.repeat(32)), 'in progress');
  const app = await loadApp(dir);
  const [status, keys] = await get(app, '/files');
  assert.equal(status, 200);
  const files = fs.readdirSync(blobs).sort();
  assert.ok(!files.includes('f'.repeat(32)), 'the old orphan is gone');
  assert.ok(files.includes('e'.repeat(32)), 'a fresh file is kept');
  // Every other file is an object's: one per key.
  assert.equal(files.length - 1, keys.split(',').length, `${files} for ${keys}`);
});
