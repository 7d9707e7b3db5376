// D1 offline (js/node/bindings/d1.js over src/bindings/d1.cpp): one SQLite
// file per binding, and the argument checks the node half makes before its
// one emulator call. The d1 op's values are checked against workerd in
// tests/conformance (group d1); the C++ layer in tests/core/emulation_test.cpp.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadTempApp } from '../support/helpers.mjs';
import { get } from '../support/emulated_app.mjs';

const WRANGLER = '[[d1_databases]]\nbinding = "DB"\ndatabase_name = "db"\n\n[[d1_databases]]\nbinding = "OTHER"\ndatabase_name = "other"\n';
const APP = `
post('/setup') { bindings.DB.exec('CREATE TABLE t (b BLOB)'); 'ok' }
post('/array') { bindings.DB.prepare('INSERT INTO t VALUES (?)').bind([1, 2, 255]).run; bindings.DB.prepare('SELECT hex(b) AS h FROM t').first('h') }
post('/object') do
  bindings.DB.prepare('SELECT ?').bind({ 'a' => 1 }).all
rescue Kiln::JSError => e
  e.message
end
get('/other') { bindings.OTHER.query("SELECT name FROM sqlite_master WHERE type = 'table'").size.to_s }
`;

test('D1: an Array binds as a BLOB of its bytes, a Hash is refused as D1 refuses it; one file per binding', async () => {
  const { app, dir } = await loadTempApp({ 'app.rb': APP, 'wrangler.toml': WRANGLER }, { fresh: true });
  assert.deepEqual(await get(app, '/setup', { method: 'POST' }), [200, 'ok']);
  assert.deepEqual(await get(app, '/array', { method: 'POST' }), [200, '0102FF']);
  assert.deepEqual(await get(app, '/object', { method: 'POST' }), [200, "Error: D1_TYPE_ERROR: Type 'object' not supported for value '[object Object]'"]);
  assert.deepEqual(await get(app, '/other'), [200, '0']);
  assert.ok(fs.existsSync(path.join(dir, '.kiln/d1-DB.sqlite3')));
  assert.ok(fs.existsSync(path.join(dir, '.kiln/d1-OTHER.sqlite3')));
});
