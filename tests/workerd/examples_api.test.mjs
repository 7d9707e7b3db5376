// examples/api end to end: its Ruby tests under `kiln test`, its migrations
// (committed SQL = what `kiln db migrate` compiles), then the app on real
// workerd (`wrangler dev`, after the real `wrangler d1 migrations apply`):
// JWT login, notes in D1, multipart uploads to R2 read back byte for byte,
// and the Server-Sent Events feed delivering a note created while it is open.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';
import { parseSSE } from '../support/stream.mjs';

const APP = path.join(ROOT, 'examples/api');
const CLI = path.join(ROOT, 'js/cli/main.js');
const WRANGLER = path.join(ROOT, 'node_modules/.bin/wrangler');
const kiln = (...args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

// An HS256 JWT made by node's crypto, not by the app.
function hs256(payload, secret) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

describe('examples/api offline', () => {
  test('kiln test: the example\'s Ruby tests pass', () => {
    const r = kiln('test', APP);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /(\d+) passed, 0 failed, 0 errors, 0 skipped/);
    assert.ok(Number(r.stdout.match(/(\d+) passed/)[1]) >= 15, r.stdout);
  });

  test('the committed migrations/ is what db/migrate compiles to', () => {
    const r = kiln('db', 'migrate', APP, '--check');
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });
});

describe('examples/api on wrangler dev', () => {
  let server;
  let secret;
  const url = (p) => `${server.url}${p}`;
  const call = (p, { token, json, ...init } = {}) => fetch(url(p), {
    ...init,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(json && { 'content-type': 'application/json' }), ...init.headers },
    body: json ? JSON.stringify(json) : init.body,
  });
  const login = async (email, password = 'correct horse') => {
    await call('/signup', { method: 'POST', json: { email, password } });
    const r = await call('/login', { method: 'POST', json: { email, password } });
    assert.equal(r.status, 200);
    return (await r.json()).token;
  };

  before(async () => {
    // The JWT secret for local dev lives in .dev.vars (git-ignored): keep one
    // that is there, or write a random one.
    const devVars = path.join(APP, '.dev.vars');
    if (!fs.existsSync(devVars) || !/^JWT_SECRET=/m.test(fs.readFileSync(devVars, 'utf8'))) {
      fs.appendFileSync(devVars, `JWT_SECRET=${crypto.randomBytes(32).toString('hex')}\n`);
    }
    secret = fs.readFileSync(devVars, 'utf8').match(/^JWT_SECRET=(.*)$/m)[1].trim();
    const state = fs.mkdtempSync(path.join(os.tmpdir(), 'kiln-api-state-'));
    const r = spawnSync(WRANGLER, ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', state], {
      cwd: APP, encoding: 'utf8', env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false' },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    server = await startWrangler(APP, { persistTo: state });
  });
  after(async () => { await server?.stop(); });

  test('signup validates (422), stores no plain password, and refuses a taken email (409)', async () => {
    let r = await call('/signup', { method: 'POST', json: { email: 'nope', password: 'short' } });
    assert.equal(r.status, 422);
    assert.deepEqual(Object.keys((await r.json()).errors).sort(), ['email', 'password']);
    r = await call('/signup', { method: 'POST', json: { email: 'signup@example.com', password: 'correct horse' } });
    assert.equal(r.status, 201);
    assert.equal((await r.json()).email, 'signup@example.com');
    r = await call('/signup', { method: 'POST', body: new URLSearchParams({ email: 'signup@example.com', password: 'another one' }) });
    assert.equal(r.status, 409, 'form-encoded input works too');
  });

  test('login: a token the app verifies; wrong password 401; no, bad, forged or expired token 401', async () => {
    const token = await login('ada@example.com');
    const [, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url'));
    assert.equal(claims.iss, 'kiln-example-api');
    const signature = crypto.createHmac('sha256', secret).update(token.split('.').slice(0, 2).join('.')).digest('base64url');
    assert.equal(token.split('.')[2], signature, 'HS256 with JWT_SECRET from .dev.vars');

    let r = await call('/me', { token });
    assert.equal(r.status, 200);
    assert.equal((await r.json()).email, 'ada@example.com');

    r = await call('/login', { method: 'POST', json: { email: 'ada@example.com', password: 'wrong horse' } });
    assert.equal(r.status, 401);

    r = await call('/me');
    assert.equal(r.status, 401);
    assert.equal((await r.json()).error, 'unauthorized');
    assert.match(r.headers.get('www-authenticate'), /^Bearer realm="api"$/);
    for (const bad of ['garbage', hs256({ ...claims }, 'another secret'), hs256({ ...claims, exp: Math.floor(Date.now() / 1000) - 600 }, secret)]) {
      r = await call('/notes', { token: bad });
      assert.equal(r.status, 401, bad);
      assert.equal((await r.json()).error, 'invalid_token');
      assert.match(r.headers.get('www-authenticate'), /error="invalid_token"/);
    }
    r = await call('/me', { token: hs256({ ...claims, exp: Math.floor(Date.now() / 1000) + 60 }, secret) });
    assert.equal(r.status, 200, 'a token signed with the same secret elsewhere is accepted');
  });

  test('notes in D1: create, list, search, show, private to the owner, delete', async () => {
    const token = await login('notes@example.com');
    let r = await call('/notes', { method: 'POST', token, json: { title: 'Groceries', body: 'milk' } });
    assert.equal(r.status, 201);
    const note = await r.json();
    assert.equal(r.headers.get('location'), url(`/notes/${note.id}`));
    await call('/notes', { method: 'POST', token, json: { title: 'Ideas' } });
    r = await call('/notes', { method: 'POST', token, json: { title: '' } });
    assert.equal(r.status, 422);
    assert.deepEqual((await r.json()).errors, { title: 'is required' });

    r = await call('/notes', { token });
    assert.deepEqual((await r.json()).map((n) => n.title), ['Ideas', 'Groceries']);
    r = await call('/notes?q=GROC', { token });
    assert.deepEqual((await r.json()).map((n) => n.title), ['Groceries']);
    r = await call(`/notes/${note.id}`, { token });
    assert.equal((await r.json()).body, 'milk');

    const other = await login('other@example.com');
    assert.equal((await call(`/notes/${note.id}`, { token: other })).status, 404);
    assert.deepEqual(await (await call('/notes', { token: other })).json(), []);

    assert.equal((await call(`/notes/${note.id}`, { method: 'DELETE', token })).status, 204);
    assert.equal((await call(`/notes/${note.id}`, { token })).status, 404);
  });

  test('uploads: real multipart FormData to R2, downloaded back byte for byte', async () => {
    const token = await login('files@example.com');
    const bytes = crypto.randomBytes(300_000);
    const form = new FormData();
    form.append('caption', 'random bytes');
    form.append('file', new Blob([bytes], { type: 'application/x-test' }), 'ran dom.bin');
    let r = await call('/files', { method: 'POST', token, body: form });
    assert.equal(r.status, 201, await r.clone().text());
    const upload = await r.json();
    assert.deepEqual([upload.filename, upload.content_type, upload.size], ['ran dom.bin', 'application/x-test', bytes.length]);

    r = await call('/files', { token });
    assert.deepEqual((await r.json()).map((f) => f.id), [upload.id]);
    r = await call(`/files/${upload.id}`, { token });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/x-test');
    assert.match(r.headers.get('content-disposition'), /attachment; filename="ran dom.bin"/);
    assert.ok(Buffer.from(await r.arrayBuffer()).equals(bytes), 'same bytes back');

    const other = await login('files-other@example.com');
    assert.equal((await call(`/files/${upload.id}`, { token: other })).status, 404);

    const empty = new FormData();
    empty.append('caption', 'no file');
    assert.equal((await call('/files', { method: 'POST', token, body: empty })).status, 422);
    r = await call('/files', { method: 'POST', token, body: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    assert.equal(r.status, 400);

    assert.equal((await call(`/files/${upload.id}`, { method: 'DELETE', token })).status, 204);
    assert.equal((await call(`/files/${upload.id}`, { token })).status, 404);
  });

  test('events: SSE delivers a note created while the stream is open', async () => {
    const token = await login('events@example.com');
    const first = await (await call('/notes', { method: 'POST', token, json: { title: 'before' } })).json();
    const r = await call(`/events?after=${first.id}&polls=4`, { token });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /^text\/event-stream/);
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes('\n\n')) text += decoder.decode((await reader.read()).value, { stream: true });
    assert.equal(parseSSE(text)[0].event, 'ready', 'the ready event arrives before the stream ends');

    const live = await (await call('/notes', { method: 'POST', token, json: { title: 'live' } })).json();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    const events = parseSSE(text);
    assert.deepEqual(events.map((e) => e.event), ['ready', 'note', 'end']);
    assert.equal(JSON.parse(events[0].data).after, first.id);
    assert.equal(events[1].id, String(live.id));
    assert.equal(JSON.parse(events[1].data).title, 'live');
    assert.deepEqual(JSON.parse(events[2].data), { last_id: live.id });

    assert.equal((await call('/events')).status, 401);
  });
});
