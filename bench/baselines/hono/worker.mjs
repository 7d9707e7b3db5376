// Hono baseline: the same routes as bench/apps/kiln with the popular
// Workers router (installed in bench/node_modules by bench/run).
import { Hono } from 'hono';
import { users } from '../users.mjs';

const app = new Hono();
app.get('/', (c) => c.html('Hello from Hono'));
app.get('/hello/:name', (c) => c.html(`Hello ${c.req.param('name')}`));
app.get('/json', (c) => c.json(users()));

export default app;
