// Fault isolation: every kind of failure a request can hit (raises in
// routes, filters and error handlers, stack overflow, a huge allocation, a
// failing JS operation) stays in that request; the isolate keeps serving and
// no Ruby state of one request is visible to the next. Production env,
// through the wasm runtime under node.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ROOT, loadTempApp, startWrangler, tempApp } from '../support/helpers.mjs';

const APP = `
enable :sessions
class Boom < StandardError; end

helpers do
  def deep(n) = deep(n + 1) + 1
  def deep_send(n) = send(:deep_send, n + 1)
end

before('/before-raise') { raise Boom, 'in before' }
after('/after-raise') { raise Boom, 'in after' }

error Boom do
  raise 'the handler itself failed' if request.path_info == '/handler-raise'
  "handled: #{env['sinatra.error'].message}"
end

get('/raise') { raise ArgumentError, 'route failed' }
get('/before-raise') { 'never' }
get('/after-raise') { 'body' }
get('/handler-raise') { raise Boom, 'first' }
get('/recurse') { deep(0).to_s }
get('/recurse-send') { deep_send(0).to_s }
get('/huge') { ('x' * (1 << 31)).size.to_s }
get('/huge-rescued') do
  'x' * (1 << 31)
rescue ArgumentError, NoMemoryError => e
  e.class.name
end
get('/js-throw') do
  sleep 0
  Kiln.await(:unknown_op, 1)
end
get('/js-rescued') do
  Kiln.await(:unknown_op)
rescue Kiln::JSError => e
  "#{e.class}: #{e.message}"
end

get '/dirty/:v' do
  @leak = params[:v]
  params['injected'] = 'yes'
  session[:user] = params[:v]
  headers 'X-Leak' => params[:v]
  response.set_cookie('leaky', params[:v])
  raise Boom, 'after dirtying' if params[:v] == 'raise'
  'dirty'
end

get '/probe' do
  [@leak, params['injected'], session[:user], instance_variables.include?(:@leak),
   request.cookies['leaky']].inspect
end

get('/ok/:n') { "ok #{params[:n]}" }

# Runaway CPU (src/core/cpu_budget.h): a small budget so each is caught quickly.
set :cpu_budget, 3_000_000
def busy(n) = n.times.sum { |i| i % 7 }
get('/loop') { loop {} }
get('/while') { while true; end }
get('/step') { 1.step { } }
get('/busy') { busy(10_000_000).to_s }
get('/busy-rescued') do
  loop {}
rescue => e
  'a plain rescue caught it'
end
get('/stubborn') { loop { begin; loop {}; rescue Exception; end } }
get('/busy-after-await') do
  sleep 0
  loop {}
end
get('/fine-between-awaits') do
  3.times.map { sleep 0; busy(200_000) }.sum.to_s
end
`;

let app, errors;

before(async () => {
  ({ app, errors } = await loadTempApp({ 'app.rb': APP }, { vars: { KILN_ENV: 'production', SESSION_SECRET: 's'.repeat(64) } }));
});

const get = (path, headers = {}) => app.fetch(new Request(`http://example.org${path}`, { headers }));

async function expectStatus(path, status, body) {
  const res = await get(path);
  const text = await res.text();
  assert.equal(res.status, status, `${path}: ${text}`);
  if (body !== undefined) assert.match(text, body, path);
  return text;
}

const PROBE_CLEAN = '[nil, nil, nil, false, nil]';

test('every failure is a 500 (or its handler) and the isolate keeps serving', async () => {
  await expectStatus('/raise', 500, /^<h1>Internal Server Error<\/h1>$/);
  await expectStatus('/before-raise', 500, /^handled: in before$/);
  await expectStatus('/after-raise', 500, /^handled: in after$/);
  await expectStatus('/handler-raise', 500, /Internal Server Error/);
  await expectStatus('/recurse', 500, /Internal Server Error/);
  await expectStatus('/recurse-send', 500, /Internal Server Error/);
  await expectStatus('/huge', 500, /Internal Server Error/);
  await expectStatus('/huge-rescued', 200, /^(ArgumentError|NoMemoryError)$/);
  await expectStatus('/js-throw', 500, /Internal Server Error/);
  await expectStatus('/js-rescued', 200, /^Kiln::JSError: TypeError: unknown operation 'unknown_op'$/);
  // The log says why each one failed, with the exception class.
  const log = errors.join('\n');
  for (const why of ['route failed (ArgumentError)', 'SystemStackError', 'Kiln::JSError', 'the handler itself failed']) {
    assert.ok(log.includes(why), `log mentions ${why}:\n${log.slice(0, 2000)}`);
  }

  for (let i = 0; i < 1000; ++i) {
    const path = i % 2 ? `/ok/${i}` : '/probe';
    const res = await get(path);
    const text = await res.text();
    assert.equal(res.status, 200, `${path}: ${text}`);
    assert.equal(text, i % 2 ? `ok ${i}` : PROBE_CLEAN);
  }
});

test('no state of one request is visible to the next', async () => {
  for (const v of ['secret', 'raise']) {
    const dirty = await get(`/dirty/${v}`);
    await dirty.text();
    assert.equal(dirty.status, v === 'raise' ? 500 : 200);
    if (v === 'secret') {
      assert.equal(dirty.headers.get('x-leak'), 'secret');
      assert.match(dirty.headers.get('set-cookie'), /leaky=secret/);
    }
    // No cookie sent back: the next request starts from nothing.
    const probe = await get('/probe');
    assert.equal(await probe.text(), PROBE_CLEAN);
    assert.equal(probe.headers.get('x-leak'), null);
    assert.equal(probe.headers.get('set-cookie'), null);
  }
});

test('a failure between awaits does not disturb concurrent requests', async () => {
  const paths = [];
  for (let i = 0; i < 50; ++i) paths.push(i % 5 ? `/ok/${i}` : '/js-throw');
  const results = await Promise.all(paths.map(async (p) => {
    const res = await get(p);
    return [p, res.status, await res.text()];
  }));
  for (const [p, status, text] of results) {
    if (p === '/js-throw') assert.equal(status, 500);
    else assert.deepEqual([status, text], [200, `ok ${p.slice(4)}`]);
  }
});

test('code that never awaits is stopped by the CPU budget: a 500, and the isolate keeps serving', async () => {
  errors.length = 0;
  for (const path of ['/loop', '/while', '/step', '/busy', '/busy-rescued', '/busy-after-await']) {
    await expectStatus(path, 500, /^<h1>Internal Server Error<\/h1>$/);
  }
  // Swallowing every Exception in a loop only gets it abandoned.
  await expectStatus('/stubborn', 500, /Internal Server Error/);
  const log = errors.join('\n');
  assert.equal(log.match(/VM steps without awaiting \(set :cpu_budget to change the limit\) \(Kiln::CPULimitExceeded\)/g)?.length, 6, log);
  assert.match(log, /abandoned: a request ran past its CPU budget \(3000000 VM steps\)/);
  // Each run between awaits has its own budget.
  await expectStatus('/fine-between-awaits', 200, /^\d+$/);
  for (let i = 0; i < 1000; ++i) {
    const res = await get(`/ok/${i}`);
    assert.equal(await res.text(), `ok ${i}`);
  }
});

test('a runaway request does not disturb requests parked on an await', async () => {
  const paths = [];
  for (let i = 0; i < 12; ++i) paths.push(i % 3 ? `/ok/${i}` : i % 2 ? '/busy-after-await' : '/stubborn');
  const results = await Promise.all(paths.map(async (p) => [p, (await get(p)).status]));
  for (const [p, status] of results) assert.equal(status, p.startsWith('/ok') ? 200 : 500, p);
});

test('development: the CPU budget error page names the app file and line', async () => {
  const { app: dev } = await loadTempApp({ 'app.rb': "set :cpu_budget, 1_000_000\nget '/' do\n  x = 0\n  while true\n    x += 1\n  end\nend\n" },
    { vars: { KILN_ENV: 'development' } });
  const res = await dev.fetch(new Request('http://example.org/'));
  assert.equal(res.status, 500);
  const html = await res.text();
  assert.match(html, /<h1>Kiln::CPULimitExceeded<\/h1>/);
  assert.match(html, /app\.rb:[4-6]/);
});

test('wrangler dev: an endless loop is a 500 naming its line, and the next requests are served', async () => {
  const dir = tempApp({
    'app.rb': "set :cpu_budget, 5_000_000\nget('/spin') { loop {} }\nget('/ok') { 'ok' }\n",
    'wrangler.toml': `name = "kiln-cpu"\nmain = "build/worker.mjs"\ncompatibility_date = "2025-04-01"\n` +
      `[build]\ncommand = "node ${JSON.stringify(`${ROOT}/js/cli/main.js`).slice(1, -1)} build ."\n` +
      `[[rules]]\ntype = "Data"\nglobs = ["**/*.kbc"]\nfallthrough = false\n`,
  });
  const server = await startWrangler(dir);
  try {
    const spin = await fetch(`${server.url}/spin`);
    assert.equal(spin.status, 500);
    // Development (no KILN_ENV): the error page, with the app's line.
    const html = await spin.text();
    assert.match(html, /<h1>Kiln::CPULimitExceeded<\/h1>/);
    assert.match(html, /app\.rb:2/);
    for (let i = 0; i < 20; ++i) assert.equal(await (await fetch(`${server.url}/ok`)).text(), 'ok');
    assert.match(server.log(), /Kiln::CPULimitExceeded/);
  } finally {
    await server.stop();
  }
});
