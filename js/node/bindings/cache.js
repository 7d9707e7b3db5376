// The Cache API offline, the `cache` op of js/worker/bindings/cache.js
// answered by src/bindings/cache.cpp (docs/bindings/ops.md): arguments
// flattened here with the clock (entries expire by it), the emulator
// answers the op's value.
import { asBytes } from './emulator.js';

// call: the emulator's one entry (./emulator.js openEmulator).
export function cacheOperations(call) {
  return {
    cache([cacheName, method, url, options]) {
      const name = cacheName === null || cacheName === undefined ? '' : String(cacheName);
      // caches.open('') is a cache of its own on Workers, not the default.
      const key = cacheName === null || cacheName === undefined ? '' : `named:${name}`;
      const href = new URL(String(url)).href;
      switch (method) {
        case 'put': {
          const headers = Object.entries(options?.headers ?? {}).map(([k, v]) => [String(k), String(v)]);
          return call(['cache', key, 'put', href, options?.status ?? 200, headers, asBytes(options?.body), Date.now()]);
        }
        case 'match': case 'delete':
          return call(['cache', key, method, href, String(options?.method ?? 'GET').toUpperCase(), options?.ignore_method === true, Date.now()]);
        default: throw new TypeError(`Cache has no method ${method}`);
      }
    },
  };
}
