// Where the VM boots on workerd (js/worker/entry.js): at the top level of the
// Worker module by default, so workerd has run app.rb before it listens
// (wrangler dev prints "Ready on" after that); in the first request with
// KILN_BOOT = "request". Either way an app that fails to load answers 500
// with the error in development, and its output is logged once; a wrapper
// that hands the handler another env gets a VM booted with that env.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ROOT, startWrangler, tempApp } from '../support/helpers.mjs';

const wranglerToml = (vars = '') => `name = "kiln-boot"\nmain = "build/worker.mjs"\ncompatibility_date = "2025-04-01"\n` +
  `[build]\ncommand = "node ${JSON.stringify(`${ROOT}/js/cli/main.js`).slice(1, -1)} build ."\n` +
  `[[rules]]\ntype = "Data"\nglobs = ["**/*.kbc"]\nfallthrough = false\n` +
  `[vars]\nGREETING = "hi from vars"\n${vars}`;

const APP = "puts \"app.rb loaded\"\nGREETING = ENV['GREETING']\nget('/') { GREETING }\n";

async function serveApp(files) {
  const server = await startWrangler(tempApp(files));
  const res = await fetch(`${server.url}/`);
  return { server, res, body: await res.text() };
}

const count = (text, s) => text.split(s).length - 1;

// workerd's stderr reaches wrangler's output a little after the response.
async function logMatching(server, re) {
  for (let i = 0; i < 100 && !re.test(server.log()); i++) await new Promise((r) => setTimeout(r, 50));
  return server.log();
}

test('wrangler dev: the app loads at startup, with [vars] in ENV, before workerd listens', async () => {
  const { server, res, body } = await serveApp({ 'app.rb': APP, 'wrangler.toml': wranglerToml() });
  try {
    assert.equal(res.status, 200);
    assert.equal(body, 'hi from vars');
    const log = server.log();
    assert.equal(count(log, 'app.rb loaded'), 1, log);
    assert.ok(log.indexOf('app.rb loaded') < log.indexOf('Ready on'), log);
  } finally {
    await server.stop();
  }
});

test('wrangler dev: KILN_BOOT = "request" loads the app in the first request', async () => {
  const { server, res, body } = await serveApp({ 'app.rb': APP, 'wrangler.toml': wranglerToml('KILN_BOOT = "request"\n') });
  try {
    assert.equal(res.status, 200);
    assert.equal(body, 'hi from vars');
    const log = await logMatching(server, /app\.rb loaded/);
    assert.equal(count(log, 'app.rb loaded'), 1, log);
    assert.ok(log.indexOf('app.rb loaded') > log.indexOf('Ready on'), log);
  } finally {
    await server.stop();
  }
});

test('wrangler dev: a wrapper handing the handler another env gets a VM booted with that env', async () => {
  const wrapper = "import handler from './build/worker.mjs';\n" +
    "export default { fetch: (request, env, ctx) => handler.fetch(request, { ...env, EXTRA: 'from the wrapper' }, ctx) };\n";
  const { server, res, body } = await serveApp({
    'app.rb': "get('/') { \"#{ENV['GREETING']} / #{ENV['EXTRA']}\" }\n",
    'wrapper.mjs': wrapper,
    'wrangler.toml': wranglerToml().replace('main = "build/worker.mjs"', 'main = "wrapper.mjs"'),
  });
  try {
    assert.equal(res.status, 200);
    assert.equal(body, 'hi from vars / from the wrapper');
  } finally {
    await server.stop();
  }
});

test('wrangler dev: in production an app that fails to load answers the one 500 page, not its error', async () => {
  const { INTERNAL_ERROR } = await import('../../js/worker/kiln.js');
  const app = "raise ArgumentError, 'secret detail'\n";
  const { server, res, body } = await serveApp({ 'app.rb': app, 'wrangler.toml': wranglerToml('KILN_ENV = "production"\n') });
  try {
    assert.equal(res.status, 500);
    assert.equal(res.headers.get('content-type'), INTERNAL_ERROR.type);
    assert.equal(body, INTERNAL_ERROR.body);
  } finally {
    await server.stop();
  }
});

test('wrangler dev: an app that fails to load answers 500 with its error (development), logged once', async () => {
  const app = "puts 'app.rb starting'\nraise ArgumentError, 'no config here'\nget('/') { 'never' }\n";
  const { server, res, body } = await serveApp({ 'app.rb': app, 'wrangler.toml': wranglerToml() });
  try {
    assert.equal(res.status, 500);
    assert.match(body, /Kiln: the app failed to load/);
    assert.match(body, /app\.rb:2:.*no config here \(ArgumentError\)/);
    const again = await fetch(`${server.url}/`);
    assert.equal(again.status, 500);
    assert.match(await again.text(), /no config here/);
    const log = await logMatching(server, /kiln: the app failed to load: app\.rb:2/);
    assert.match(log, /kiln: the app failed to load: app\.rb:2/);
    // The top-level attempt's output is dropped; the first request's boot logs it.
    assert.equal(count(log, 'app.rb starting'), 1, log);
  } finally {
    await server.stop();
  }
});
