// Workers KV, the `kv` op (docs/bindings/ops.md): what ruby/kiln/bindings/kv.rb
// asks of env.NAME. Offline, js/node/bindings/kv.js answers the same op from
// src/bindings/kv.cpp with the same values.
import { bytes, opts } from './values.js';

const typeOf = (options) => {
  const type = options?.type ?? 'text';
  return { type: type === 'binary' ? 'arrayBuffer' : type };
};
const value = (v) => (v instanceof ArrayBuffer ? bytes(v) : v);

export async function kv([name, method, key, options], { env }) {
  const ns = env[name];
  switch (method) {
    case 'get': return value(await ns.get(key, typeOf(options)));
    case 'get_with_metadata': {
      const { value: v, metadata } = await ns.getWithMetadata(key, typeOf(options));
      return [value(v), metadata ?? null];
    }
    case 'put': {
      const { value: v, expiration_ttl, expiration, metadata } = options;
      await ns.put(key, v, opts({ expirationTtl: expiration_ttl, expiration, metadata }));
      return null;
    }
    case 'delete': await ns.delete(key); return null;
    case 'list': {
      const r = await ns.list(opts({ prefix: options?.prefix, limit: options?.limit, cursor: options?.cursor }));
      return { keys: r.keys.map((k) => ({ name: k.name, expiration: k.expiration ?? null, metadata: k.metadata ?? null })), list_complete: r.list_complete, cursor: r.cursor ?? null };
    }
    default: throw new TypeError(`KV has no method ${method}`);
  }
}
