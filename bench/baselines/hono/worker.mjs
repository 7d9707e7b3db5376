// Hono baseline: the same routes as bench/apps/kiln with the popular
// Workers router (installed in bench/node_modules by bench/run).
import { Hono } from 'hono';
import { html } from 'hono/html';
import { users } from '../users.mjs';

const app = new Hono();
app.get('/', (c) => c.html('Hello from Hono'));
app.get('/hello/:name', (c) => c.html(`Hello ${c.req.param('name')}`));
app.get('/json', (c) => c.json(users()));
// The ERB page with Hono's escaping html`` template.
app.get('/page', (c) => {
  const title = 'Users & scores';
  const rows = users().map((u) => html`
  <tr class="${u.active ? 'on' : 'off'}"><td>${u.id}</td><td>${u.name}</td><td>${u.email}</td><td>${u.score}</td></tr>`);
  return c.html(html`<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
<h1>${title}</h1>
<table>${rows}
</table>
</body>
</html>
`);
});

export default app;
