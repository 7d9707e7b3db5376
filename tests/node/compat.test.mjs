// The Sinatra compatibility corpus in --check mode: a case that fails but
// is not in tests/compat/known_failures.txt is a regression, and a listed
// case that passes must be removed from the list (so it stays honest).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/helpers.mjs';

test('compat corpus: no regressions, known failures still fail', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'tests/compat/run.mjs'), '--check'], { encoding: 'utf8', timeout: 300_000 });
  assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /^\d+ passed, \d+ failed/m);
});
