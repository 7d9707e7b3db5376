// Requests per second of `kiln test` (in-process, emulated KV) against the
// same requests sent to `wrangler dev` (workerd over HTTP, local KV), one at
// a time, in the same run. Usage: node bench/ktest.mjs [N] (default 1000).
// Prints a markdown table; figures in README.md, "kiln test".
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from '../js/cli/build/build.js';
import { runTests } from '../js/cli/commands/test.js';
import { ROOT, startWrangler } from '../tests/support/helpers.mjs';

const N = Number(process.argv[2] ?? 1000);
const ROUTES = { 'GET / (text)': '/', 'GET /count (KV get + put)': '/count' };

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-bench-ktest-'));
fs.cpSync(path.join(ROOT, 'tests/apps/testing'), dir, { recursive: true, filter: (s) => !/\/(build|\.kiln|test)$/.test(s) });
fs.mkdirSync(path.join(dir, 'test'));
const tests = Object.values(ROUTES).map((route, i) => `  def test_${i}_warm; get '${route}'; end
  def test_${i}_many; ${N}.times { get '${route}'; assert_equal 200, last_response.status }; end`).join('\n');
fs.writeFileSync(path.join(dir, 'test/bench_test.rb'), `class BenchTest < Kiln::Test\n${tests}\nend\n`);

// kiln test: the time between the warm-up test's dot and the N-request test's.
const marks = [];
const code = await runTests(dir, { out: (s) => { for (const c of s) if (c === '.' || c === 'F' || c === 'E') marks.push(performance.now()); } });
if (code !== 0) throw new Error('the bench tests failed');
const kiln = Object.keys(ROUTES).map((_, i) => N / ((marks[2 * i + 1] - marks[2 * i]) / 1000));

// wrangler dev: the same requests over HTTP with keep-alive, after a warm-up.
build(dir, { log: null });
const server = await startWrangler(dir);
const wrangler = [];
try {
  for (const route of Object.values(ROUTES)) {
    for (let i = 0; i < 20; i++) await (await fetch(server.url + route)).text();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const r = await fetch(server.url + route);
      await r.text();
      if (r.status !== 200) throw new Error(`${route}: ${r.status}`);
    }
    wrangler.push(N / ((performance.now() - t0) / 1000));
  }
} finally {
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

console.log(`${N} sequential requests each; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} CPUs\n`);
console.log('| route | kiln test (req/s) | wrangler dev (req/s) | ratio |');
console.log('| --- | ---: | ---: | ---: |');
Object.keys(ROUTES).forEach((name, i) => {
  console.log(`| ${name} | ${kiln[i].toFixed(0)} | ${wrangler[i].toFixed(0)} | ${(kiln[i] / wrangler[i]).toFixed(1)}x |`);
});
