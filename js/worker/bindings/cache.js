// The Cache API, the `cache` op (docs/bindings/ops.md) for
// ruby/kiln/bindings/cache.rb: caches.default or caches.open(name).
// Offline: js/node/bindings/cache.js over src/bindings/cache.cpp.
import { responseValue } from './values.js';

// [cacheName, 'match' | 'delete', url, {method, ignore_method}] or
// [cacheName, 'put', url, {status, headers, body}].
export async function cache([cacheName, method, url, options]) {
  const c = cacheName ? await caches.open(cacheName) : caches.default;
  const request = () => new Request(url, { method: options?.method ?? 'GET' });
  const matchOptions = () => ({ ignoreMethod: options?.ignore_method === true });
  switch (method) {
    case 'match': {
      const res = await c.match(request(), matchOptions());
      return res ? responseValue(res, { url: false }) : null;
    }
    case 'put': {
      const h = new Headers();
      for (const [k, v] of Object.entries(options.headers ?? {})) h.append(k, v);
      await c.put(url, new Response(options.body, { status: options.status ?? 200, headers: h }));
      return null;
    }
    case 'delete': return c.delete(request(), matchOptions());
    default: throw new TypeError(`Cache has no method ${method}`);
  }
}
