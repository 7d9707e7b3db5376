// D1 offline, the `d1` op of js/worker/bindings/d1.js answered by
// src/bindings/d1.cpp (docs/bindings/ops.md): arguments checked here, the
// emulator answers the op's value.

// D1 binds an Array as a BLOB of its byte values and refuses other objects.
function params(args) {
  return (args ?? []).map((a) => {
    if (Array.isArray(a)) return Uint8Array.from(a);
    if (a !== null && typeof a === 'object' && !(a instanceof Uint8Array)) {
      throw new Error(`D1_TYPE_ERROR: Type 'object' not supported for value '${String(a)}'`);
    }
    return a;
  });
}

// call: the emulator's one entry (./emulator.js openEmulator).
export function d1Operations(call) {
  return {
    d1([name, method, payload]) {
      switch (method) {
        case 'all': case 'run': case 'raw': case 'first': {
          const [sql, args] = payload;
          return call(['d1', name, method, String(sql), params(args)]);
        }
        case 'batch': return call(['d1', name, 'batch', payload.map(([sql, args]) => [String(sql), params(args)])]);
        case 'exec': return call(['d1', name, 'exec', String(payload)]);
        default: throw new TypeError(`D1 has no method ${method}`);
      }
    },
  };
}
