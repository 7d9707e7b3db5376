// Real workerd: `wrangler dev` serving examples/erb (a layout, a form, a
// partial and an inline template), its templates compiled by the [build] step.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ROOT, startWrangler } from '../support/helpers.mjs';

let server;
before(async () => { server = await startWrangler(path.join(ROOT, 'examples/erb')); });
after(async () => { await server?.stop(); });

const form = (body) => ({ method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

test('GET / renders the form inside the layout', async () => {
  const r = await fetch(`${server.url}/`);
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'text/html;charset=utf-8');
  const html = await r.text();
  assert.match(html, /^<!DOCTYPE html>\n<html>/);
  assert.match(html, /<title>Say hello · Kiln<\/title>/);
  assert.match(html, /<form method="post" action="\/greet">\n  <label>Name <input name="name" value=""><\/label>/);
  assert.match(html, /<footer><a href="\/about">About<\/a><\/footer>\n<\/body>\n<\/html>\n$/);
});

test('POSTing the form renders the greeting, escaped, with locals', async () => {
  const r = await fetch(`${server.url}/greet`, form('name=%3Cb%3EAnn&shouts=2'));
  assert.equal(r.status, 200);
  const html = await r.text();
  assert.match(html, /<h1>Hello, &lt;b&gt;Ann<\/h1>/);
  assert.match(html, /<ul>\n  <li>Hello, &lt;b&gt;Ann!<\/li>\n  <li>Hello, &lt;b&gt;Ann!!<\/li>\n<\/ul>/);
});

test('an empty name re-renders the form with an error and 422', async () => {
  const r = await fetch(`${server.url}/greet`, form('name=++'));
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /<p class="error">Please tell us your name\.<\/p>/);
  assert.match(html, /<form method="post"/);
});

test('the inline __END__ template is served in the layout', async () => {
  const html = await (await fetch(`${server.url}/about`)).text();
  assert.match(html, /<h1>About<\/h1>\n<p>This page is an inline template/);
});
