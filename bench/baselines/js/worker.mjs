// Plain JS baseline: the same routes as bench/apps/kiln, no framework.
import { page } from '../page.mjs';
import { users } from '../users.mjs';

const TEXT = { 'content-type': 'text/html;charset=utf-8' };

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET') {
      if (pathname === '/') return new Response('Hello from JS', { headers: TEXT });
      if (pathname.startsWith('/hello/')) {
        return new Response(`Hello ${decodeURIComponent(pathname.slice(7))}`, { headers: TEXT });
      }
      if (pathname === '/page') return new Response(page(), { headers: TEXT });
      if (pathname === '/json') {
        return new Response(JSON.stringify(users()), { headers: { 'content-type': 'application/json' } });
      }
    }
    return new Response('Not Found', { status: 404 });
  },
};
