// Kiln.await inside blocks: every Ruby-defined iterator can suspend; a block
// called from C gets a clear Kiln::AwaitError, never a hang or a broken VM.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT } from '../support/helpers.mjs';

const dir = path.join(ROOT, 'tests/apps/await');
build(dir, { log: () => {} });
const app = await loadApp(dir);
const get = async (name) => (await app.fetch(new Request(`http://localhost/await/${name}`))).text();

const expected = {
  each: '[1, 2]', map: '[1, 2]', times: '[0, 1]', each_with_index: '[5]', hash_each: '[1]',
  select: '[1, 3]', inject: '3', sort_by: '[1, 2]', loop: '2', each_char: '["a", "b"]', upto: '[1, 2]',
  each_slice: '[2, 1]', proc_call: '3', instance_eval: '4', define_method: '7',
  nested_fiber: '[1, 5, 2]', enumerator_next: '[1, 2]',
};

for (const [name, want] of Object.entries(expected)) {
  test(`await inside ${name}`, async () => assert.equal(await get(name), want));
}

test('await in a block called from C raises a clear AwaitError and the VM keeps serving', async () => {
  assert.match(await get('hash_default'), /^AwaitError: cannot await echo inside a block called from C .*Move the call out of that block/);
  assert.equal(await get('map'), '[1, 2]');
});
