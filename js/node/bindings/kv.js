// Workers KV offline, the `kv` op of js/worker/bindings/kv.js answered by
// src/bindings/kv.cpp (docs/bindings/ops.md). The emulator answers the op's
// value; JSON (a `json` value, metadata) comes as its text and is parsed
// here with JSON.parse, as Workers parses it (same values, same SyntaxError).
import { asBytes, cursor } from './emulator.js';

const parse = (json) => (json === null ? null : JSON.parse(json));

// call: the emulator's one entry (./emulator.js openEmulator).
export function kvOperations(call) {
  return {
    kv([name, method, key, options]) {
      switch (method) {
        case 'get': case 'get_with_metadata': {
          const type = options?.type ?? 'text';
          const value = (v) => (type === 'json' ? parse(v) : v);
          const r = call(['kv', name, method, key, type]);
          return method === 'get' ? value(r) : [value(r[0]), parse(r[1])];
        }
        case 'put': {
          // Workers stores metadata as JSON and limits its serialised length.
          const { value, expiration_ttl, expiration, metadata } = options ?? {};
          const meta = metadata === null || metadata === undefined ? null : JSON.stringify(metadata);
          return call(['kv', name, 'put', key, asBytes(value), expiration_ttl ?? null, expiration ?? null, meta]);
        }
        case 'delete': return call(['kv', name, 'delete', key]);
        case 'list': {
          const r = call(['kv', name, 'list', options?.prefix ?? null, options?.limit ?? null, cursor(options?.cursor)]);
          for (const k of r.keys) k.metadata = parse(k.metadata);
          return r;
        }
        default: throw new TypeError(`KV has no method ${method}`);
      }
    },
  };
}
