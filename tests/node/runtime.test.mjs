// The wasm runtime under node: the same kiln.wasm wrangler serves, driven
// through js/worker/kiln.js without workerd.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, loadTempApp, tempApp } from '../support/helpers.mjs';

const quiet = () => {};
const hello = path.join(ROOT, 'examples/hello');
build(hello, { log: quiet });
const app = await loadApp(hello);
const get = (p, init) => app.fetch(new Request(`http://localhost${p}`, init));

test('examples/hello answers its routes', async () => {
  let r = await get('/');
  assert.equal(r.status, 200);
  assert.equal(await r.text(), 'Hello from Kiln');
  assert.equal(r.headers.get('content-type'), 'text/html;charset=utf-8');
  r = await get('/hello/world');
  assert.equal(await r.text(), 'Hello world');
  r = await get('/hello/big%20world');
  assert.equal(await r.text(), 'Hello big world');
});

test('unknown paths are 404 with X-Cascade: pass', async () => {
  const r = await get('/missing');
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('x-cascade'), 'pass');
  assert.equal(await r.text(), '<h1>Not Found</h1>');
});

test('HEAD is answered by the GET route, without a body', async () => {
  const r = await get('/hello/x', { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(await r.text(), '');
});

test('50 concurrent awaiting requests each get their own answer', async () => {
  const ms = Array.from({ length: 50 }, (_, i) => 5 + ((i * 7) % 30));
  const bodies = await Promise.all(ms.map((n) => get(`/nap/${n}`).then((r) => r.text())));
  assert.deepEqual(bodies.map((b) => b.replace(/ \(\d+ napping\)$/, '')), ms.map((n) => `slept ${n} ms`));
  // They overlapped: all 50 start before any timer fires, so the first to
  // wake saw all 50 asleep (sequential requests would each see 1).
  assert.equal(Math.max(...bodies.map((b) => +b.match(/\((\d+) napping\)$/)[1])), 50);
});

test('binary request and response bodies are byte-exact', async () => {
  const dir = tempApp({ 'app.rb': "post('/echo') { content_type 'application/octet-stream'; request.body.read }\n" });
  build(dir, { log: quiet });
  const echo = await loadApp(dir);
  const bytes = new Uint8Array(256).map((_, i) => 255 - i);
  const r = await echo.fetch(new Request('http://localhost/echo', { method: 'POST', body: bytes }));
  assert.deepEqual(new Uint8Array(await r.arrayBuffer()), bytes);
});

test('require_relative loads bundled files; errors name the file and line', async () => {
  const dir = tempApp({
    'app.rb': "require 'sinatra'\nrequire_relative 'lib/greeter'\nget('/') { Greeter.hi + shout('!') }\nget('/boom') { Greeter.boom }\n",
    'lib/greeter.rb': "def shout(s) = s * 2\nmodule Greeter\n  def self.hi = 'hi from lib'\n  def self.boom\n    raise 'kaboom'\n  end\nend\n",
  });
  build(dir, { log: quiet });
  const a = await loadApp(dir);
  assert.equal(await (await a.fetch(new Request('http://localhost/'))).text(), 'hi from lib!!');
  const r = await a.fetch(new Request('http://localhost/boom'));
  assert.equal(r.status, 500);
  const page = await r.text();
  assert.match(page, /kaboom/);
  assert.match(page, /lib\/greeter\.rb:5/);
});

test('an exception while loading the app is a boot error with file:line', async () => {
  const dir = tempApp({ 'app.rb': "get('/') { 'x' }\n\nundefined_thing_at_load\n" });
  build(dir, { log: quiet });
  await assert.rejects(loadApp(dir), (e) => e.name === 'BootError' && /app\.rb:3/.test(e.message));
});

test('a syntax error fails the build with file:line', () => {
  const dir = tempApp({ 'app.rb': "get '/' do\n  'unclosed\nend\n" });
  assert.throws(() => build(dir, { log: quiet }), (e) => /app\.rb:\d+:\d+/.test(e.message));
});

test('the isolate keeps serving after a route raises', async () => {
  const dir = tempApp({ 'app.rb': "get('/bad') { raise 'nope' }\nget('/ok') { 'fine' }\n", 'wrangler.toml': '' });
  build(dir, { log: quiet });
  const prod = await loadApp(dir, { vars: { KILN_ENV: 'production' } });
  const bad = await prod.fetch(new Request('http://localhost/bad'));
  assert.equal(bad.status, 500);
  assert.equal(await bad.text(), '<h1>Internal Server Error</h1>');
  for (let i = 0; i < 20; i++) assert.equal(await (await prod.fetch(new Request('http://localhost/ok'))).text(), 'fine');
});

test('boot reports its split: wasm instantiate, then mruby boot + app load', async () => {
  const a = await loadApp(hello);
  assert.ok(a.timing.instantiateMs >= 0 && a.timing.vmBootMs > 0, JSON.stringify(a.timing));
  assert.ok(Math.abs(a.timing.instantiateMs + a.timing.vmBootMs - a.bootMs) < 0.01);
});

test('the build warns about a schedule with no [triggers] crons entry', async () => {
  const { cronWarnings } = await import('../../js/cli/build/build.js');
  const dir = tempApp({
    'app.rb': "schedule '*/5 * * * *' do |e| end\nschedule \"0 0 * * *\" do |e| end\n",
    'wrangler.toml': '[triggers]\ncrons = ["*/5 * * * *"]\n',
  });
  const warnings = cronWarnings(dir, ['app.rb']);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0], /schedule '0 0 \* \* \*' has no matching \[triggers\] crons entry/);
});

test('Regexp literals work in routes (wasm build)', async () => {
  const dir = tempApp({
    'app.rb': [
      "get('/x') { 'a1b22'.scan(/\\d+/).join(',') }",
      "get('/user/:id') { |id| id =~ /\\A(?<n>\\d+)\\z/ ? \"user #{$~[:n].to_i * 2}\" : 'bad id' }",
      "get('/runaway') { /(a+)+b/ =~ 'a' * 40 }",
      '',
    ].join('\n'),
  });
  build(dir, { log: quiet });
  const a = await loadApp(dir);
  const text = async (p) => (await a.fetch(new Request(`http://localhost${p}`))).text();
  assert.equal(await text('/x'), '1,22');
  assert.equal(await text('/user/21'), 'user 42');
  assert.equal(await text('/user/x1'), 'bad id');
  const r = await a.fetch(new Request('http://localhost/runaway'));
  assert.equal(r.status, 500);
  assert.match(await r.text(), /Regexp::TimeoutError/);
});

// mruby-time formats through libc strftime: Kiln's own in C (src/core/strftime.c),
// not emscripten's JS one (which wrote -03:30 as "-0380").
test('Time#to_s, #inspect and #zone in the wasm runtime, half-hour zones too', async () => {
  const tz = process.env.TZ;
  process.env.TZ = 'America/St_Johns';
  try {
    const dir = tempApp({ 'app.rb': "get('/') { [Time.at(0).utc.to_s, Time.at(-1).utc.inspect, Time.gm(2024, 2, 29, 23, 59, 59).to_s, Time.at(1_700_000_000).to_s, Time.at(1_700_000_000).zone].join('|') }\n" });
    build(dir, { log: null });
    const r = await (await loadApp(dir)).fetch(new Request('http://localhost/'));
    assert.equal(await r.text(), '1970-01-01 00:00:00 UTC|1969-12-31 23:59:59 UTC|2024-02-29 23:59:59 UTC|2023-11-14 18:43:20 -0330|-0330');
  } finally {
    if (tz === undefined) delete process.env.TZ; else process.env.TZ = tz;
  }
});

// mruby seeds its default Random with constants: without the runtime's
// seeding every isolate would answer the same numbers.
test('rand differs between isolates; a seed app.rb sets with srand stands', async () => {
  const draw = async (source) => {
    const { app } = await loadTempApp({ 'app.rb': source });
    return (await app.fetch(new Request('http://localhost/r'))).text();
  };
  const plain = "get('/r') { Array.new(4) { rand(1 << 30) }.join(',') }\n";
  const a = await draw(plain), b = await draw(plain);
  assert.match(a, /^\d+(,\d+){3}$/);
  assert.notEqual(a, b);
  const seeded = "srand(42)\nget('/r') { Array.new(4) { rand(1 << 30) }.join(',') }\n";
  assert.equal(await draw(seeded), await draw(seeded));
  const classSeeded = "Random.srand(7)\nget('/r') { Array.new(4) { rand(1 << 30) }.join(',') }\n";
  assert.equal(await draw(classSeeded), await draw(classSeeded));
});
