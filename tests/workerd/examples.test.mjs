// The sample Sinatra apps of docs/reference/compatibility.md, unchanged: a JSON API (in-process and
// through `kiln request`) and a form + ERB + session app on wrangler dev.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from '../../js/cli/build/build.js';
import { loadApp } from '../../js/node/load_app.js';
import { ROOT, startWrangler } from '../support/helpers.mjs';

const apiDir = path.join(ROOT, 'examples/json_api');

test('json_api: create, read, update, list, delete, errors', async () => {
  build(apiDir, { log: null });
  const api = await loadApp(apiDir, { vars: { KILN_ENV: 'production' } });
  const call = async (method, p, body) => {
    const r = await api.fetch(new Request(`http://example.org${p}`, {
      method, body, headers: body ? { 'content-type': 'application/json' } : {},
    }));
    const text = await r.text();
    return { status: r.status, type: r.headers.get('content-type'), location: r.headers.get('location'), json: text ? JSON.parse(text) : null };
  };
  let r = await call('POST', '/todos', '{"title":"milk"}');
  assert.equal(r.status, 201);
  assert.equal(r.location, 'http://example.org/todos/1');
  assert.deepEqual(r.json, { id: 1, title: 'milk', done: false });
  await call('POST', '/todos', '{"title":"eggs"}');
  r = await call('PATCH', '/todos/1', '{"done":true}');
  assert.deepEqual(r.json, { id: 1, title: 'milk', done: true });
  assert.deepEqual((await call('GET', '/todos?done=true')).json.map((t) => t.title), ['milk']);
  assert.equal((await call('GET', '/todos')).json.length, 2);
  assert.equal((await call('DELETE', '/todos/2')).status, 204);
  r = await call('GET', '/todos/2');
  assert.equal(r.status, 404);
  assert.equal(r.type, 'application/json');
  assert.deepEqual(r.json, { error: 'not found: GET /todos/2' });
  r = await call('POST', '/todos', '{"title":');
  assert.equal(r.status, 400);
  assert.match(r.json.error, /^invalid JSON: /);
  assert.equal((await call('POST', '/todos', '{"title":" "}')).status, 422);
});

test('json_api through kiln request prints one JSON line', () => {
  const out = execFileSync(process.execPath, [path.join(ROOT, 'js/cli/main.js'), 'request', path.join(apiDir, 'app.rb'),
    'POST', '/todos', '-H', 'Content-Type: application/json', '-d', '{"title":"milk"}', '-e', 'production'], { encoding: 'utf8' });
  const res = JSON.parse(out);
  assert.equal(res.status, 201);
  assert.equal(res.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(res.body), { id: 1, title: 'milk', done: false });
});

let server;
before(async () => { server = await startWrangler(path.join(ROOT, 'examples/guestbook')); });
after(async () => { await server?.stop(); });

test('guestbook on wrangler dev: form post, redirect, session flash, escaped entry', async () => {
  let r = await fetch(`${server.url}/`);
  assert.equal(r.status, 200);
  assert.match(await r.text(), /<form method="post" action="\/sign">/);
  r = await fetch(`${server.url}/sign`, { method: 'POST', redirect: 'manual', body: new URLSearchParams({ name: 'Ann <b>', message: 'hi & bye' }) });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `${server.url}/`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  r = await fetch(`${server.url}/`, { headers: { cookie } });
  const page = await r.text();
  assert.match(page, /<p class="flash">Thanks, Ann &lt;b&gt;!<\/p>/);
  assert.match(page, /<strong>Ann &lt;b&gt;<\/strong>: hi &amp; bye/);
  // The flash is gone on the next visit.
  const next = await fetch(`${server.url}/`, { headers: { cookie: r.headers.get('set-cookie')?.split(';')[0] ?? cookie } });
  assert.doesNotMatch(await next.text(), /class="flash"/);
});
