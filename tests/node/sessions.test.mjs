// Signed cookie sessions, the json helper and malformed JSON bodies, through
// the wasm runtime under node.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadTempApp } from '../support/helpers.mjs';

const SESSION_APP = `
enable :sessions
get('/set/:v') { session[:v] = params[:v]; 'set' }
get('/get') { session[:v].inspect }
get('/clear') { session.clear; 'cleared' }
`;

async function app(source, vars = {}) {
  return (await loadTempApp({ 'app.rb': source }, { vars })).app;
}

const cookieOf = (res) => res.headers.get('set-cookie')?.split(';')[0];

test('a session value survives in the signed cookie', async () => {
  const a = await app(SESSION_APP, { SESSION_SECRET: 's'.repeat(64), KILN_ENV: 'production' });
  const set = await a.fetch(new Request('http://example.org/set/hello'));
  const cookie = cookieOf(set);
  assert.match(cookie, /^rack\.session=.+--[0-9a-f]{64}$/);
  assert.match(set.headers.get('set-cookie'), /HttpOnly/);
  const got = await a.fetch(new Request('http://example.org/get', { headers: { cookie } }));
  assert.equal(await got.text(), '"hello"');
  // No change: no new cookie.
  assert.equal(got.headers.get('set-cookie'), null);
});

test('a tampered cookie gives an empty session', async () => {
  const a = await app(SESSION_APP, { SESSION_SECRET: 's'.repeat(64), KILN_ENV: 'production' });
  const cookie = cookieOf(await a.fetch(new Request('http://example.org/set/admin')));
  const [name, value] = cookie.split('=');
  const [payload, digest] = decodeURIComponent(value).split('--');
  const forged = Buffer.from(JSON.stringify({ v: 'root' })).toString('base64url');
  for (const bad of [`${forged}--${digest}`, `${payload}--${'0'.repeat(64)}`, payload, '']) {
    const res = await a.fetch(new Request('http://example.org/get', { headers: { cookie: `${name}=${encodeURIComponent(bad)}` } }));
    assert.equal(await res.text(), 'nil', `cookie ${bad.slice(0, 20)} must not be trusted`);
  }
});

test('another secret cannot read the session', async () => {
  const a = await app(SESSION_APP, { SESSION_SECRET: 'a'.repeat(64) });
  const b = await app(SESSION_APP, { SESSION_SECRET: 'b'.repeat(64) });
  const cookie = cookieOf(await a.fetch(new Request('http://example.org/set/x')));
  assert.equal(await (await b.fetch(new Request('http://example.org/get', { headers: { cookie } }))).text(), 'nil');
});

test('production refuses sessions without a secret of 32 bytes', async () => {
  await assert.rejects(app(SESSION_APP, { KILN_ENV: 'production' }), /session secret of at least 32 bytes/);
  await assert.rejects(app(SESSION_APP, { KILN_ENV: 'production', SESSION_SECRET: 'short' }), /at least 32 bytes/);
  // Development runs on a random per-isolate secret.
  const dev = await app(SESSION_APP, {});
  const cookie = cookieOf(await dev.fetch(new Request('http://example.org/set/d')));
  assert.equal(await (await dev.fetch(new Request('http://example.org/get', { headers: { cookie } }))).text(), '"d"');
});

test('clearing the session expires the cookie', async () => {
  const a = await app(SESSION_APP, { SESSION_SECRET: 's'.repeat(64) });
  const cookie = cookieOf(await a.fetch(new Request('http://example.org/set/x')));
  const res = await a.fetch(new Request('http://example.org/clear', { headers: { cookie } }));
  assert.match(res.headers.get('set-cookie'), /^rack\.session=; .*max-age=0/);
});

test('json helper and an unrescued JSON::ParserError (400 with a message)', async () => {
  const a = await app(`
post('/echo') { json(JSON.parse(request.body.read)) }
get('/obj') { json({ 'ok' => true, 'n' => [1, 2.5, nil] }) }
`, { KILN_ENV: 'production' });
  const ok = await a.fetch(new Request('http://x/obj'));
  assert.equal(ok.headers.get('content-type'), 'application/json');
  assert.equal(await ok.text(), '{"ok":true,"n":[1,2.5,null]}');
  const bad = await a.fetch(new Request('http://x/echo', { method: 'POST', body: '{"a": oops}' }));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /unexpected token/);
  const good = await a.fetch(new Request('http://x/echo', { method: 'POST', body: '{"a":[1]}' }));
  assert.equal(await good.text(), '{"a":[1]}');
});

// Session values keep their types (ruby/kiln/sinatra/session.rb Coder), as
// Rack's Marshal coder keeps them in Sinatra.
const TYPED_APP = `
enable :sessions
get '/set' do
  session[:at] = Time.at(1700000000, 250000).utc
  session[:local] = Time.at(1700000000)
  session[:role] = :admin
  session[:n] = 3
  session[:f] = 2.0
  session[:g] = 1.5
  session[:list] = [:a, 'b', 1, nil, true]
  session[:by_id] = { 1 => 'one', 'x' => { 'deep' => :yes } }
  session[:tricky] = { '_k' => 'not a tag' }
  'set'
end
get('/get') { %w[at local role n f g list by_id tricky].map { |k| "#{k}=#{session[k].inspect}" }.join(' ') }
get('/classes') { [session[:at].class, session[:at].usec, session[:at] + 1].inspect }
get('/big') { session[:blob] = 'x' * 5000; 'big' }
get('/v') { session[:v].inspect }
`;

test('session values keep their types: Time, Symbol, Integer vs Float, nested Hash and Array', async () => {
  const a = await app(TYPED_APP, { SESSION_SECRET: 's'.repeat(64) });
  const cookie = cookieOf(await a.fetch(new Request('http://example.org/set')));
  const got = await (await a.fetch(new Request('http://example.org/get', { headers: { cookie } }))).text();
  assert.equal(got, 'at=2023-11-14 22:13:20 UTC local=2023-11-14 22:13:20 +0000 role=:admin n=3 f=2.0 g=1.5 list=[:a, "b", 1, nil, true] ' +
    'by_id={1=>"one", "x"=>{"deep"=>:yes}} tricky={"_k"=>"not a tag"}');
  const classes = await (await a.fetch(new Request('http://example.org/classes', { headers: { cookie } }))).text();
  assert.equal(classes, '[Time, 250000, 2023-11-14 22:13:21 UTC]');
});

test('a cookie in the earlier format (plain JSON) still reads', async () => {
  const secret = 's'.repeat(64);
  const a = await app(TYPED_APP, { SESSION_SECRET: secret });
  const { createHmac } = await import('node:crypto');
  const payload = Buffer.from(JSON.stringify({ v: 'old' })).toString('base64url');
  const value = `${payload}--${createHmac('sha256', secret).update(payload).digest('hex')}`;
  const res = await a.fetch(new Request('http://example.org/v', { headers: { cookie: `rack.session=${encodeURIComponent(value)}` } }));
  assert.equal(await res.text(), '"old"');
});

test('a session over 4096 bytes is not sent, and the log says why', async () => {
  const { app: a, errors } = await loadTempApp({ 'app.rb': TYPED_APP }, { vars: { SESSION_SECRET: 's'.repeat(64) } });
  const res = await a.fetch(new Request('http://example.org/big'));
  assert.equal(await res.text(), 'big');
  assert.equal(res.headers.get('set-cookie'), null);
  assert.ok(errors.some((e) => /session cookie is \d+ bytes, over the 4096/.test(e)), errors.join('\n'));
});

test('development: a too-short secret is replaced, and the log says so and what to do', async () => {
  const { app: a, errors } = await loadTempApp({ 'app.rb': SESSION_APP }, { vars: { SESSION_SECRET: 'short' } });
  const cookie = cookieOf(await a.fetch(new Request('http://example.org/set/x')));
  assert.equal(await (await a.fetch(new Request('http://example.org/get', { headers: { cookie } }))).text(), '"x"');
  const log = errors.join('\n');
  assert.match(log, /session_secret is 5 bytes, shorter than the 32 it needs: using a random one/);
  assert.match(log, /Set SESSION_SECRET in \.dev\.vars/);
  assert.doesNotMatch(log, /no session_secret set/);
});

test('production: a session cookie over https is Secure; over http, or with secure: false, it is not', async () => {
  const vars = { SESSION_SECRET: 's'.repeat(64), KILN_ENV: 'production' };
  const a = await app(SESSION_APP, vars);
  assert.match((await a.fetch(new Request('https://example.org/set/x'))).headers.get('set-cookie'), /; secure/i);
  assert.doesNotMatch((await a.fetch(new Request('http://example.org/set/x'))).headers.get('set-cookie'), /secure/i);
  const off = await app(SESSION_APP.replace('enable :sessions', 'set :sessions, secure: false'), vars);
  assert.doesNotMatch((await off.fetch(new Request('https://example.org/set/x'))).headers.get('set-cookie'), /secure/i);
  const dev = await app(SESSION_APP, { SESSION_SECRET: 's'.repeat(64) });
  assert.doesNotMatch((await dev.fetch(new Request('https://example.org/set/x'))).headers.get('set-cookie'), /secure/i);
});

test('expire_after: the expiry is signed into the cookie, and an expired cookie is an empty session', async () => {
  const source = SESSION_APP.replace('enable :sessions', 'set :sessions, expire_after: 60');
  const secret = 's'.repeat(64);
  const a = await app(source, { SESSION_SECRET: secret, KILN_ENV: 'production' });
  const set = await a.fetch(new Request('http://example.org/set/x'));
  assert.match(set.headers.get('set-cookie'), /max-age=60/i);
  const cookie = cookieOf(set);
  const [payload] = decodeURIComponent(cookie.split('=')[1]).split('--');
  // "k1.DATA.EXPIRY": the expiry after the last dot (the tag has one too).
  const data = payload.slice(0, payload.lastIndexOf('.'));
  const expiry = Number(payload.slice(payload.lastIndexOf('.') + 1));
  assert.ok(Math.abs(expiry - (Date.now() / 1000 + 60)) < 5, `expiry ${expiry}`);
  assert.equal(await (await a.fetch(new Request('http://example.org/get', { headers: { cookie } }))).text(), '"x"');
  // The same data signed with an expiry in the future, and in the past.
  const { createHmac } = await import('node:crypto');
  const signed = (at) => {
    const text = `${data}.${Math.floor(Date.now() / 1000) + at}`;
    return `rack.session=${encodeURIComponent(`${text}--${createHmac('sha256', secret).update(text).digest('hex')}`)}`;
  };
  assert.equal(await (await a.fetch(new Request('http://example.org/get', { headers: { cookie: signed(100) } }))).text(), '"x"');
  assert.equal(await (await a.fetch(new Request('http://example.org/get', { headers: { cookie: signed(-1) } }))).text(), 'nil');
  // Moving the expiry breaks the signature.
  const moved = `rack.session=${encodeURIComponent(`${data}.${expiry + 3600}--${cookie.split('--')[1]}`)}`;
  assert.equal(await (await a.fetch(new Request('http://example.org/get', { headers: { cookie: moved } }))).text(), 'nil');
});
