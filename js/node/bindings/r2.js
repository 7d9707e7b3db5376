// R2 offline, the `r2` op of js/worker/bindings/r2.js answered by
// src/bindings/r2.cpp (docs/bindings/ops.md): arguments checked here, the
// emulator answers the op's value.
import { asBytes, cursor } from './emulator.js';

// R2 metadata values are Strings, converted as workerd converts them (nil: "null").
const texts = (o) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, String(v)]));

// call: the emulator's one entry (./emulator.js openEmulator).
export function r2Operations(call) {
  return {
    r2([name, method, key, options]) {
      switch (method) {
        case 'put': {
          const { body, http_metadata, custom_metadata } = options ?? {};
          return call(['r2', name, 'put', String(key), asBytes(body), texts(http_metadata), texts(custom_metadata)]);
        }
        case 'get': {
          const r = options?.range;
          return call(['r2', name, 'get', String(key), r?.offset ?? null, r?.length ?? null, r?.suffix ?? null]);
        }
        case 'head': return call(['r2', name, 'head', String(key)]);
        case 'delete': return call(['r2', name, 'delete', (Array.isArray(key) ? key : [key]).map(String)]);
        case 'list': {
          const { prefix, delimiter, cursor: after, limit } = options ?? {};
          return call(['r2', name, 'list', prefix ?? null, delimiter ?? null, cursor(after), limit ?? null]);
        }
        default: throw new TypeError(`R2 has no method ${method}`);
      }
    },
  };
}
