// The response boundary: Ruby (ruby/kiln/sinatra/response.rb Response#finish,
// ruby/kiln/boot/entry.rb request_fiber) decides what a response is;
// C++ (src/core/response.cpp write_response) validates and encodes it; JS
// (js/worker/kiln.js #respond, js/worker/codec.js decodeResponse) builds the
// Response from exactly that. Signals to JS travel in the response's extras,
// never as HTTP headers.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { INTERNAL_ERROR } from '../../js/worker/kiln.js';
import { loadTempApp } from '../support/helpers.mjs';

const APP = `
get('/bad-header') { headers 'x-evil' => "a\\rb"; 'never sent' }
get('/raise') { raise 'route failed' }
get('/bad-body') { o = Object.new; def o.each; raise 'each failed'; end; o }
get('/unencodable') { Kiln.await(:echo, Object.new) }
get('/text') { 'hello' }
get('/reset') { status 205; 'a body a 205 must not have' }
get('/no-content-stream') { status 204; stream { |out| out << 'never' } }
get('/go') { redirect params[:to] }
get('/two-cookies') { response.set_cookie('a', '1'); response.set_cookie('b', '2'); 'ok' }
get('/forward-nowhere') { forward_to Kiln::Bindings::Stub.new('NOWHERE', 'a' * 64) }
get('/bad-stream-header') { headers 'x-evil' => "a\\rb"; stream { |out| out << 'never sent' } }
get('/stream-cookies') { response.set_cookie('a', '1'); response.set_cookie('b', '2'); stream { |out| out << 'streamed' } }
`;

const { app, errors } = await loadTempApp({ 'app.rb': APP, 'wrangler.toml': '' }, { vars: { KILN_ENV: 'production' } });
const fetchOf = (kiln) => (p, init) => kiln.fetch(new Request(`http://localhost${p}`, init));
const get = fetchOf(app);

test('the runtime logs a refused response itself, not through Kiln.log_error', async () => {
  const { app: silenced, errors: lines } = await loadTempApp({
    'app.rb': `module Kiln; def self.log_error(_message) end; end\n${APP}`, 'wrangler.toml': '',
  });
  const r = await fetchOf(silenced)('/bad-header');
  assert.equal(r.status, 500);
  assert.ok(lines.some((l) => l.includes('header x-evil contains CR')), lines.join('\n'));
});

test('one 500 page: Sinatra\'s handler, request_fiber, the runtime and JS send the same bytes', async () => {
  // /raise: base.rb's error handler; /bad-body: raised outside the app
  // (request_fiber); /bad-header: refused by write_response; /unencodable:
  // a step the runtime fails (JS's own fallback).
  for (const p of ['/raise', '/bad-body', '/bad-header', '/unencodable']) {
    const r = await get(p);
    assert.equal(r.status, 500, p);
    assert.equal(r.headers.get('content-type'), INTERNAL_ERROR.type, p);
    assert.equal(await r.text(), INTERNAL_ERROR.body, p);
  }
  assert.ok(errors.some((l) => l.includes('each failed')), errors.join('\n'));
  assert.ok(errors.some((l) => l.includes('cannot pass a value to JS')), errors.join('\n'));
});

test('Response#finish decides the body; JS passes it on (HEAD, 204, 205)', async () => {
  let r = await get('/text', { method: 'HEAD' });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-length'), '5');  // GET's, as Rack::Head leaves it
  assert.equal(r.body, null);
  // 205 has no body (Fetch and RFC 9110; Ruby used to send one with its
  // content-type and content-length, and JS dropped the body).
  r = await get('/reset');
  assert.equal(r.status, 205);
  assert.equal(r.headers.get('content-type'), null);
  assert.equal(r.headers.get('content-length'), null);
  assert.equal(r.body, null);
  // A stream under a status without a body is not run (it was iterated: a 500).
  r = await get('/no-content-stream');
  assert.equal(r.status, 204);
  assert.equal(r.body, null);
  r = await get('/bad-header', { method: 'HEAD' });
  assert.equal(r.status, 500);
  assert.equal(r.body, null);
});

test('a bare LF in a header value is refused like CR: no second header (issue #20 item 5)', async () => {
  const r = await get('/go?to=/a%0aLocation:%20http://evil.example');
  assert.equal(r.status, 500);
  assert.equal(r.headers.get('location'), null);
  assert.equal(await r.text(), INTERNAL_ERROR.body);
  assert.ok(errors.some((l) => l === 'header location contains CR, LF or NUL'), errors.join('\n'));
});

test('multi-value headers are pairs Kiln makes (Set-Cookie), streamed or not', async () => {
  for (const p of ['/two-cookies', '/stream-cookies']) {
    const r = await get(p);
    assert.equal(r.status, 200, p);
    assert.deepEqual(r.headers.getSetCookie(), ['a=1', 'b=2'], p);
  }
});

test('a streamed response\'s headers are checked as write_response checks them: the same 500, the same log line', async () => {
  errors.length = 0;
  const plain = await get('/bad-header');
  const streamed = await get('/bad-stream-header');
  for (const r of [plain, streamed]) {
    assert.equal(r.status, 500);
    assert.equal(r.headers.get('x-evil'), null);
    assert.equal(await r.text(), INTERNAL_ERROR.body);
  }
  assert.deepEqual(errors, ['header x-evil contains CR, LF or NUL', 'header x-evil contains CR, LF or NUL']);
});

test('forward_to is the response\'s extras, never a header: with no namespace to reach it is a logged 500', async () => {
  errors.length = 0;
  const r = await get('/forward-nowhere');
  assert.equal(r.status, 500);
  assert.deepEqual([...r.headers.keys()].filter((k) => k.startsWith('x-kiln')), []);
  assert.deepEqual(errors, ['kiln: forward_to: no Durable Object namespace NOWHERE']);
});
