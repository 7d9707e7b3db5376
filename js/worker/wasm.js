// The wasm call ABI, JS half: copy the inputs into wasm memory, call one
// exported function, read the Result it answers and free the inputs. A Result
// is four uint32 words [kind, request, data, size] (src/core/abi.h is the C++
// half); its payload is reused by the next call, so it is copied out here.
// Used by js/worker/kiln.js (the runtime) and js/node/bindings/emulator.js.
export const DONE = 0, AWAIT = 1, FAILED = 2;

// fn: an export of module (e.g. module._kiln_start); id: a leading uint32
// argument, or null; inputs: Uint8Arrays, each passed as (pointer, length).
// -> { kind, request, payload: a Uint8Array of its own }
export function callWasm(module, fn, id, ...inputs) {
  const args = id === null ? [] : [id];
  const first = args.length;
  try {
    for (const bytes of inputs) {
      const ptr = module._malloc(Math.max(bytes.length, 1));
      args.push(ptr, bytes.length);
      module.HEAPU8.set(bytes, ptr);
    }
    const res = fn(...args) >> 2;
    // Read the heap views after the call: it may have grown memory.
    const words = module.HEAPU32;
    const data = words[res + 2];
    return { kind: words[res], request: words[res + 1], payload: module.HEAPU8.slice(data, data + words[res + 3]) };
  } finally {
    for (let i = first; i < args.length; i += 2) module._free(args[i]);
  }
}
