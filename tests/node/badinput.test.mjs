// Bad input gets a clear 4xx (or is handled), never a 500 or a crash:
// malformed query and form encodings, conflicting nesting, invalid UTF-8,
// garbage cookies, bodies over max_body_size, path traversal; and a header
// value with CR/LF set by the app is never emitted. Wasm runtime under node.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadTempApp } from '../support/helpers.mjs';

const APP = `
enable :sessions
set :max_body_size, 1024
get('/params') { params.inspect }
post('/params') { params.inspect }
get('/hello/:name') { "Hello #{params[:name]} #{params[:name].bytesize}" }
get('/cookies') { request.cookies.inspect + session.to_h.inspect }
get('/path/*') { request.path_info }
get('/b') { 'b' }
get('/crlf') { headers 'X-Evil' => "a\\r\\nSet-Cookie: admin=1"; 'never' }
get('/lf') { headers 'X-Evil' => "a\\nSet-Cookie: admin=1"; 'never' }
get('/nul') { headers 'X-Evil' => "a\\0b"; 'never' }
get('/bad-name') { headers 'X Evil' => 'v'; 'never' }
post('/upload') { request.body.read.bytesize.to_s }
`;

let app, errors;

before(async () => {
  ({ app, errors } = await loadTempApp({ 'app.rb': APP }, { vars: { KILN_ENV: 'production', SESSION_SECRET: 's'.repeat(64) } }));
});

async function request(path, init = {}) {
  const res = await app.fetch(new Request(`http://example.org${path}`, init));
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const form = (body) => ({
  method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

test('malformed query and form encodings are 400 with the reason', async () => {
  for (const qs of ['a=1&a[b]=2', 'a[]=1&a[b]=2', 'a[b]=1&a[]=2', `a${'[b]'.repeat(40)}=1`]) {
    const q = await request(`/params?${qs}`);
    assert.equal(q.status, 400, `query ${qs}: ${q.text}`);
    assert.match(q.text, /Bad Request|Invalid query parameters/);
    const f = await request('/params', form(qs));
    assert.equal(f.status, 400, `form ${qs}: ${f.text}`);
  }
});

test('a plain key after a nested one replaces it, as in Rack 3', async () => {
  assert.equal((await request('/params?a[b]=1&a=2')).text, '{"a"=>"2"}');
});

test('bad percent-encodings and invalid UTF-8 never give a 500', async () => {
  for (const qs of ['a=%zz', 'a=%', 'a=%e', '%=1', 'a=%FF%FE', 'a=%C3%28', 'a[%ff]=1', 'a=\u00e9', '&&=&=']) {
    const q = await request(`/params?${qs}`);
    assert.ok(q.status === 200 || q.status === 400, `query ${qs}: ${q.status} ${q.text}`);
    const f = await request('/params', form(qs));
    assert.ok(f.status === 200 || f.status === 400, `form ${qs}: ${f.status} ${f.text}`);
  }
  // A capture that decodes to invalid UTF-8 is still a String of those bytes.
  const r = await request('/hello/%FF%FE');
  assert.equal(r.status, 200);
  assert.match(r.text, / 2$/);
});

test('garbage cookies are ignored, not fatal', async () => {
  const garbage = ['=', ';;;', 'a', 'a=%zz', 'rack.session=%%%', 'rack.session=x--y',
    'rack.session=eyJ9--' + '0'.repeat(64), '\u00ff\u00fe=\u00fd', `a=${'b'.repeat(8000)}`];
  for (const cookie of garbage) {
    const r = await request('/cookies', { headers: { cookie } });
    assert.equal(r.status, 200, `cookie ${cookie}: ${r.text}`);
  }
});

test('a header value with CR, LF or NUL set by the app is never sent', async () => {
  for (const path of ['/crlf', '/lf', '/nul', '/bad-name']) {
    const before = errors.length;
    const r = await request(path);
    assert.equal(r.status, 500, path);
    assert.equal(r.headers.get('x-evil'), null);
    assert.equal(r.headers.get('set-cookie'), null);
    assert.ok(!r.text.includes('never'));
    assert.match(errors.slice(before).join('\n'), /contains CR, LF or NUL|invalid header name/);
  }
});

test('a body over max_body_size is a 413 before anything parses it', async () => {
  assert.equal((await request('/upload', { method: 'POST', body: 'x'.repeat(1024) })).text, '1024');
  const big = await request('/upload', { method: 'POST', body: 'x'.repeat(1025) });
  assert.equal(big.status, 413);
  assert.match(big.text, /Content Too Large/);
  assert.equal((await request('/params', form(`a=${'x'.repeat(5000)}`))).status, 413);
  assert.match(errors.join('\n'), /over max_body_size/);
});

test('the default max_body_size is 10 MiB', async () => {
  const { app: a } = await loadTempApp({ 'app.rb': "post('/n') { request.body.read.bytesize.to_s }\nget('/limit') { settings.max_body_size.to_s }" },
    { vars: { KILN_ENV: 'production' } });
  const limit = await (await a.fetch(new Request('http://x.org/limit'))).text();
  assert.equal(limit, String(10 * 1024 * 1024));
  const over = await a.fetch(new Request('http://x.org/n', { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1) }));
  assert.equal(over.status, 413);
});

test('path traversal is cleaned up before routing', async () => {
  for (const [path, expected] of [['/path/a/%2e%2e/b', '/path/b'], ['/path/a/../../../b', '/b'],
    ['/path/%2E%2E/%2e%2E/b', '/b'], ['/path/a/./b/', '/path/a/b/'], ['/path/a%2fb', '/path/a/b'],
    ['/path/a%5c..%5cb', '/path/b']]) {
    const r = await request(path);
    if (expected === '/b') assert.equal(r.text, 'b', path);
    else assert.equal(r.text, expected, path);
  }
});
