// Plain JS baseline: the same routes as bench/apps/kiln, no framework.
import { page } from '../page.mjs';
import { users } from '../users.mjs';

const TEXT = { 'content-type': 'text/html;charset=utf-8' };

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET') {
      if (pathname === '/') return new Response('Hello from JS', { headers: TEXT });
      if (pathname.startsWith('/hello/')) {
        return new Response(`Hello ${decodeURIComponent(pathname.slice(7))}`, { headers: TEXT });
      }
      if (pathname === '/page') return new Response(page(), { headers: TEXT });
      // Three KV reads in turn, like bench/apps/kiln's /kv.
      if (pathname === '/kv') {
        const a = await env.KV.get('kv1'), b = await env.KV.get('kv2'), c = await env.KV.get('kv3');
        return new Response([a, b, c].join(','), { headers: TEXT });
      }
      if (pathname === '/json') {
        return new Response(JSON.stringify(users()), { headers: { 'content-type': 'application/json' } });
      }
    }
    return new Response('Not Found', { status: 404 });
  },
};
