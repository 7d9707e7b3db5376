// R2, the `r2` op (docs/bindings/ops.md): what ruby/kiln/bindings/r2.rb asks of
// env.NAME. Offline, js/node/bindings/r2.js answers the same op from
// src/bindings/r2.cpp with the same values.
import { bytes, opts } from './values.js';

// An R2 object as Ruby's R2Object reads it (uploaded: ISO time; body: get only).
async function object(obj, withBody) {
  if (!obj) return null;
  const out = {
    key: obj.key, size: obj.size, etag: obj.etag, version: obj.version,
    uploaded: obj.uploaded?.toISOString?.() ?? null,
    http_metadata: obj.httpMetadata ?? {}, custom_metadata: obj.customMetadata ?? {},
  };
  if (withBody && typeof obj.arrayBuffer === 'function') out.body = bytes(await obj.arrayBuffer());
  return out;
}

export async function r2([name, method, key, options], { env }) {
  const bucket = env[name];
  switch (method) {
    case 'put': {
      const o = options ?? {};
      return object(await bucket.put(key, o.body ?? '', opts({ httpMetadata: o.http_metadata, customMetadata: o.custom_metadata })), false);
    }
    case 'get': {
      const r = options?.range;
      const range = r ? opts({ offset: r.offset, length: r.length, suffix: r.suffix }) : undefined;
      return object(await bucket.get(key, range ? { range } : {}), true);
    }
    case 'head': return object(await bucket.head(key), false);
    case 'delete': await bucket.delete(key); return null;
    case 'list': {
      const r = await bucket.list(opts({ prefix: options?.prefix, delimiter: options?.delimiter, cursor: options?.cursor, limit: options?.limit }));
      return { objects: await Promise.all(r.objects.map((o) => object(o, false))), truncated: r.truncated, cursor: r.cursor ?? null, delimited_prefixes: r.delimitedPrefixes ?? [] };
    }
    default: throw new TypeError(`R2 has no method ${method}`);
  }
}
