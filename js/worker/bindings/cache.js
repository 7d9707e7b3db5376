// The Cache API, the `cache` op (docs/bindings/ops.md) for
// ruby/kiln/bindings/cache.rb: caches.default or caches.open(name). Not
// emulated offline (node has no `caches`).
import { responseValue } from './values.js';

export async function cache([cacheName, method, url, response]) {
  const c = cacheName ? await caches.open(cacheName) : caches.default;
  switch (method) {
    case 'match': {
      const res = await c.match(url);
      return res ? responseValue(res, { url: false }) : null;
    }
    case 'put': {
      const h = new Headers();
      for (const [k, v] of Object.entries(response.headers ?? {})) h.append(k, v);
      await c.put(url, new Response(response.body, { status: response.status ?? 200, headers: h }));
      return null;
    }
    case 'delete': return c.delete(url);
    default: throw new TypeError(`Cache has no method ${method}`);
  }
}
