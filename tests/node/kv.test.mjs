// Workers KV offline (js/node/bindings/kv.js over src/bindings/kv.cpp):
// expiry as SQLite sees it. The kv op's values are checked against workerd in
// tests/conformance (group kv); the C++ layer in tests/core/emulation_test.cpp.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { tempApp } from '../support/helpers.mjs';
import { APP, WRANGLER, get } from '../support/emulated_app.mjs';

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
