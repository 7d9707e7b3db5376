// `kiln test`: runs the CLI on tests/apps/testing (passing tests) and on a
// copy with failing and erroring tests added; asserts output and exit status.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/helpers.mjs';

const FIXTURE = path.join(ROOT, 'tests/apps/testing');

function kilnTest(appDir, ...args) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'test', appDir, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// A copy of the fixture (the tests add files to it).
function copyFixture(extra = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-ktest-'));
  fs.cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !/\/(build|\.kiln)$/.test(src) });
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

test('kiln test: the fixture suite passes (sessions, redirects, KV, D1, R2, Durable Objects, reset, route errors, queues, cron, alarms, fetch stubs)', () => {
  const dir = copyFixture();
  fs.mkdirSync(path.join(dir, '.kiln'));
  fs.writeFileSync(path.join(dir, '.kiln/keep'), 'dev state');
  const r = kilnTest(dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /# Running:\n\n\.{18}S\.{7}\n/);
  assert.match(r.out, /26 runs, \d+ assertions, 0 failures, 0 errors, 1 skips\n25 passed, 0 failed, 0 errors, 1 skipped\n$/);
  assert.match(r.out, /1\) Skipped:\nBlockStyleTest#test_skip_is_reported,_not_failed \[test\/app_test\.rb:\d+\]:\nnot today/);
  // The dev state of `kiln request` is not touched.
  assert.equal(fs.readFileSync(path.join(dir, '.kiln/keep'), 'utf8'), 'dev state');
});

test('kiln test: failures with the test file:line, errors with a backtrace, exit status 1', () => {
  const dir = copyFixture();
  fs.writeFileSync(path.join(dir, 'test/failing_test.rb'), `class FailingTest < Kiln::Test
  def test_wrong_status
    get '/'
    assert_equal 404, last_response.status
  end

  def test_custom_message
    assert false, 'custom message'
  end

  def test_route_error
    get '/boom'
  end

  def test_undefined
    nope_not_defined
  end

  def test_passes
    assert true
  end
end
`);
  const r = kilnTest(dir);
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /Failure:\nFailingTest#test_wrong_status \[test\/failing_test\.rb:4\]:\nExpected: 404\n  Actual: 200/);
  assert.match(r.out, /Failure:\nFailingTest#test_custom_message \[test\/failing_test\.rb:8\]:\ncustom message/);
  // The route's exception surfaces in the test, with the app's frame first.
  assert.match(r.out, /Error:\nFailingTest#test_route_error:\nArgumentError: kaboom\n {4}app\.rb:59[^\n]*\n(.*\n)*? {4}test\/failing_test\.rb:12/);
  assert.match(r.out, /Error:\nFailingTest#test_undefined:\nNoMethodError: [^\n]*nope_not_defined[^\n]*\n {4}test\/failing_test\.rb:16/);
  assert.match(r.out, /31 runs, \d+ assertions, 2 failures, 2 errors, 1 skips\n26 passed, 2 failed, 2 errors, 1 skipped\n$/);
});

test('kiln test: D1 migrations on disk are applied before every test, on emptied state', () => {
  const dir = copyFixture();
  fs.mkdirSync(path.join(dir, 'migrations'));
  fs.writeFileSync(path.join(dir, 'migrations/0001_tags.sql'), 'CREATE TABLE tags (name TEXT NOT NULL);\n');
  fs.writeFileSync(path.join(dir, 'test/migrated_test.rb'), `require 'test_helper'
class MigratedTest < Kiln::Test
  def count = DB.prepare('SELECT COUNT(*) AS n FROM tags').first[:n]
  def test_a_schema_without_rows
    assert_equal 0, count
    DB.prepare('INSERT INTO tags (name) VALUES (?)').bind('a').run
    assert_equal 1, count
  end
  def test_b_again_without_rows
    assert_equal 0, count
    assert_equal ['0001_tags.sql'], DB.prepare('SELECT name FROM d1_migrations').all[:results].map { |r| r[:name] }
  end
end
`);
  const r = kilnTest(dir, '-n', '/MigratedTest/');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /2 passed, 0 failed/);
});

test('kiln test -n: one test by name or by /regexp/', () => {
  const dir = copyFixture();
  let r = kilnTest(dir, '-n', 'test_halt_with_422');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /1 runs, 2 assertions, 0 failures, 0 errors, 0 skips\n1 passed/);
  r = kilnTest(dir, '-n', '/AppTest#test_(kv|d1)_through/');
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /\n2 passed, 0 failed/);
});

test('kiln test: a test file that fails to load is an error; no tests, no app.rb or a bad option is a usage error (exit 2)', () => {
  const dir = copyFixture();
  fs.writeFileSync(path.join(dir, 'test/broken_test.rb'), "class BrokenTest < Kiln::Test\n  NotDefinedAnywhere.call\nend\n");
  let r = kilnTest(dir, '-n', 'test_halt_with_422');
  assert.equal(r.code, 1, r.out + r.err);
  assert.match(r.out, /Error:\ntest\/broken_test\.rb \(while loading\):\nNameError: [^\n]*NotDefinedAnywhere[^\n]*\n {4}test\/broken_test\.rb:2/);

  fs.writeFileSync(path.join(dir, 'test/broken_test.rb'), "class BrokenTest < Kiln::Test\n  def test_x\n    assert_equal(1,\n  end\nend\n");
  r = kilnTest(dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /build failed\ntest\/broken_test\.rb:\d+/);

  const empty = copyFixture();
  fs.rmSync(path.join(empty, 'test'), { recursive: true });
  r = kilnTest(empty);
  assert.equal(r.code, 2, 'no tests is a usage error, as kiln test --help says');
  assert.match(r.err, /kiln test: no tests in .*: files named \*_test\.rb/);
  r = kilnTest(path.join(empty, 'nowhere'));
  assert.equal(r.code, 2);
  assert.match(r.err, /kiln test: no app\.rb or config\.ru in /);
  r = kilnTest(empty, '--bogus');
  assert.equal(r.code, 2);
  assert.match(r.err, /kiln test: unknown option --bogus\n\nUsage: kiln test /);
});

test('kiln new: the scaffold test passes under kiln test', () => {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-new-')), 'blog');
  const made = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'new', dir], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  // The testing guide's example runs as it is against the scaffold.
  const readme = fs.readFileSync(path.join(ROOT, 'docs/guide/testing.md'), 'utf8');
  const example = readme.match(/```ruby\n# test\/app_test\.rb\n([\s\S]*?)```/)[1].replace('class AppTest', 'class ReadmeTest');
  fs.writeFileSync(path.join(dir, 'test/readme_test.rb'), example);
  const r = kilnTest(dir);
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /6 passed, 0 failed, 0 errors, 0 skipped\n$/);
  assert.equal(r.err, '');
});

// kiln test in its own TMPDIR, stopped by `signal` once its tests run.
async function interrupted(signal) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-ktest-tmp-'));
  const dir = copyFixture({ 'test/slow_test.rb': "class SlowTest < Minitest::Test\n  def test_slow\n    sleep 60\n  end\nend\n" });
  const child = spawn(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'test', dir, '-n', 'test_slow'],
    { env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  await new Promise((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('# Running:')) resolve(); }));
  assert.equal(fs.readdirSync(tmp).filter((f) => f.startsWith(`kiln-test-${child.pid}-`)).length, 1, 'the run has its state directory');
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(sig)));
  child.kill(signal);
  assert.equal(await exited, signal);
  return { tmp, dir, pid: child.pid };
}

test('kiln test: SIGINT and SIGTERM remove the state directory; one a kill -9 left is removed by the next run', async () => {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    const { tmp } = await interrupted(signal);
    assert.deepEqual(fs.readdirSync(tmp), [], signal);
  }
  const { tmp, dir, pid } = await interrupted('SIGKILL');
  assert.deepEqual(fs.readdirSync(tmp).map((f) => f.startsWith(`kiln-test-${pid}-`)), [true], 'kill -9 leaves it');
  // Another live run's directory is left alone.
  const live = path.join(tmp, `kiln-test-${process.pid}-keep`);
  fs.mkdirSync(live);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'test', dir, '-n', 'nothing_matches'], { encoding: 'utf8', env: { ...process.env, TMPDIR: tmp } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(fs.readdirSync(tmp), [path.basename(live)]);
});
