// Secure defaults a new app gets without asking: protection headers on
// HTML, no backtraces or messages in production error pages, and secrets
// ([vars] / .dev.vars values) never in a log line or an error page, in any
// environment, whatever fails. Through the wasm runtime under node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTempApp } from '../support/helpers.mjs';

const SECRET = 'sk_live_0123456789abcdef0123456789abcdef';
const SESSION = 'e'.repeat(64);

const APP = `
enable :sessions
get('/') { 'home' }
get('/json') { content_type :json; '{}' }
get('/raise') { raise ArgumentError, 'route failed' }
get('/missing') { ENV.fetch('NOT_SET') }
get('/nil') { nil.upcase }
get('/session') { session[:n] = (session[:n] || 0) + 1; session[:n].to_s }
get('/spin') { loop {} }
`;

async function load(env) {
  const lines = [];
  const { app } = await loadTempApp({ 'app.rb': `set :cpu_budget, 1_000_000\n${APP}` }, {
    vars: { KILN_ENV: env, API_KEY: SECRET, SESSION_SECRET: SESSION },
    print: (l) => lines.push(l),
    printErr: (l) => lines.push(l),
  });
  return { app, lines, get: (p, headers) => app.fetch(new Request(`http://example.org${p}`, { headers })) };
}

test('HTML responses carry the protection headers; other types get nosniff', async () => {
  const { get } = await load('production');
  const html = await get('/');
  assert.equal(html.headers.get('x-frame-options'), 'SAMEORIGIN');
  assert.equal(html.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(html.headers.get('x-xss-protection'), '1; mode=block');
  const json = await get('/json');
  assert.equal(json.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(json.headers.get('x-frame-options'), null);
});

test('production error pages say nothing about the error', async () => {
  const { get, lines } = await load('production');
  for (const p of ['/raise', '/missing', '/nil', '/spin']) {
    const res = await get(p);
    assert.equal(res.status, 500);
    assert.equal(await res.text(), '<h1>Internal Server Error</h1>', p);
  }
  // The log has the reasons instead.
  const log = lines.join('\n');
  for (const why of ['route failed', 'NOT_SET', 'upcase', 'CPULimitExceeded']) assert.ok(log.includes(why), why);
});

test('secrets appear in no log line, error page or cookie, in development or production', async () => {
  for (const env of ['development', 'production']) {
    const { get, lines } = await load(env);
    const seen = [];
    for (const p of ['/', '/raise', '/missing', '/nil', '/spin', '/session', '/nowhere']) {
      const res = await get(p, { cookie: 'rack.session=forged--00' });
      seen.push(await res.text(), [...res.headers].join('\n'));
    }
    const everything = seen.join('\n') + lines.join('\n');
    assert.ok(!everything.includes(SECRET), `${env}: the API key leaked`);
    assert.ok(!everything.includes(SESSION), `${env}: the session secret leaked`);
    if (env === 'development') assert.match(seen.join('\n'), /ArgumentError/);  // the dev page does show errors
  }
});
